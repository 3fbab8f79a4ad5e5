package berth.ecs.core.taskdef;

import java.util.Objects;

/** A task volume mounted into a container. */
public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {
    public MountPoint {
        Objects.requireNonNull(sourceVolume, "sourceVolume");
        Objects.requireNonNull(containerPath, "containerPath");
    }
}
