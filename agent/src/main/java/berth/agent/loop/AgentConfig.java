package berth.agent.loop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How one agent joins a cluster.
 *
 * @param cpuUnits          declared CPU capacity; empty for 1024 per CPU of the engine's host
 * @param memoryMiB         declared memory; empty for the host's memory minus {@link #RESERVED_MEMORY_MIB}
 * @param name              the agent's name on this host, registered as the instance's {@code Name} tag
 * @param availabilityZone  the zone it registers in; empty for {@code <region>a}
 * @param attributes        custom attributes registered besides the agent's capabilities
 * @param dataDir           where the agent keeps its identity across restarts
 * @param cleanupWait       how long a stopped task's containers stay on the host
 * @param parallelism       how many tasks' engine work runs at once
 * @param instanceMetadata  the EC2 instance metadata service of the instance this agent runs on, whose
 *                          identity document it registers (instance id, type, zone, image); empty on a
 *                          host that is no EC2 instance, for which the agent makes the document up
 */
public record AgentConfig(String cluster, AwsEndpoint endpoint, Optional<Integer> cpuUnits, Optional<Long> memoryMiB,
                          String name, String availabilityZone, Map<String, String> attributes, Path dataDir,
                          Duration cleanupWait, int parallelism, Optional<java.net.URI> instanceMetadata) {

    /** Memory left to the host and the engine when the agent declares the host's memory (ECS_RESERVED_MEMORY). */
    public static final long RESERVED_MEMORY_MIB = 256;
    /** ECS's default ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION is 3 hours; berth keeps stopped containers one hour. */
    public static final Duration DEFAULT_CLEANUP_WAIT = Duration.ofHours(1);
    public static final int DEFAULT_PARALLELISM = 8;

    public AgentConfig {
        attributes = Map.copyOf(attributes);
    }

    /** {@code 90s}, {@code 10m}, {@code 2h}, or ISO-8601 ({@code PT1H}). */
    public static Duration duration(String text) {
        try {
            if (text.matches("\\d+[smh]")) {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: " + text + " (use e.g. 30s, 10m, 1h)");
        }
    }

    public String zone() {
        return availabilityZone.isEmpty() ? endpoint.region() + "a" : availabilityZone;
    }
}
