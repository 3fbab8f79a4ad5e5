package berth.ecs.core.taskdef;

import java.util.Objects;

/** Another container of the task whose volumes this container mounts. */
public record VolumeFrom(String sourceContainer, boolean readOnly) {
    public VolumeFrom {
        Objects.requireNonNull(sourceContainer, "sourceContainer");
    }
}
