package berth.ecs.core.task;

import berth.ecs.core.taskdef.EnvironmentFile;
import berth.ecs.core.taskdef.KeyValue;
import java.util.List;
import java.util.Objects;

/**
 * RunTask's override of one container, as requested. Empty lists mean "not overridden" (ECS treats
 * an empty command as none); a number is overridden only when it is not {@link #UNSET}.
 */
public record ContainerOverride(String name, List<String> command, List<KeyValue> environment,
                                List<EnvironmentFile> environmentFiles, int cpu, int memoryMiB,
                                int memoryReservationMiB) {
    public static final int UNSET = -1;

    public ContainerOverride {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        environmentFiles = List.copyOf(environmentFiles);
    }

    public static ContainerOverride named(String name) {
        return new ContainerOverride(name, List.of(), List.of(), List.of(), UNSET, UNSET, UNSET);
    }
}
