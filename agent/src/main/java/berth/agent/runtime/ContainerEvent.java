package berth.agent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A lifecycle change of a container, pushed by the engine. Events are hints for level-triggered
 * loops: they may repeat after a reconnect and say only what changed, so a consumer re-inspects.
 */
public sealed interface ContainerEvent {

    String containerId();

    String containerName();

    /** The container's labels, so a consumer can tell which task the container belongs to. */
    Map<String, String> labels();

    Instant time();

    record Created(String containerId, String containerName, Map<String, String> labels, Instant time)
            implements ContainerEvent {
        public Created {
            labels = Map.copyOf(labels);
        }
    }

    record Started(String containerId, String containerName, Map<String, String> labels, Instant time)
            implements ContainerEvent {
        public Started {
            labels = Map.copyOf(labels);
        }
    }

    /** The container's main process ended with {@code exitCode}. */
    record Died(String containerId, String containerName, Map<String, String> labels, Instant time, int exitCode)
            implements ContainerEvent {
        public Died {
            labels = Map.copyOf(labels);
        }
    }

    /** The kernel killed a process of the container for exceeding its memory limit. */
    record OutOfMemory(String containerId, String containerName, Map<String, String> labels, Instant time)
            implements ContainerEvent {
        public OutOfMemory {
            labels = Map.copyOf(labels);
        }
    }

    record HealthChanged(String containerId, String containerName, Map<String, String> labels, Instant time,
                         HealthStatus status) implements ContainerEvent {
        public HealthChanged {
            labels = Map.copyOf(labels);
        }
    }

    /** The container was removed from the host. */
    record Destroyed(String containerId, String containerName, Map<String, String> labels, Instant time)
            implements ContainerEvent {
        public Destroyed {
            labels = Map.copyOf(labels);
        }
    }
}
