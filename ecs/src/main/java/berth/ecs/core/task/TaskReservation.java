package berth.ecs.core.task;

import berth.ecs.core.HostPorts;
import java.util.Objects;

/**
 * What a task holds on its container instance from placement until it is STOPPED: CPU units, memory
 * MiB and fixed host ports. Fargate tasks hold nothing on any instance.
 */
public record TaskReservation(int cpu, int memoryMiB, HostPorts ports) {
    public TaskReservation {
        Objects.requireNonNull(ports, "ports");
    }

    public static TaskReservation none() {
        return new TaskReservation(0, 0, HostPorts.none());
    }
}
