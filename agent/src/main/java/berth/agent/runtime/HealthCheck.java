package berth.agent.runtime;

import java.time.Duration;
import java.util.List;

/** How the engine probes a container's health: ECS {@code healthCheck}, Docker {@code HEALTHCHECK}. */
public sealed interface HealthCheck {

    /** Whatever {@code HEALTHCHECK} the image declares, if any. */
    record ImageDefault() implements HealthCheck {}

    /** No probing, even if the image declares a {@code HEALTHCHECK}. */
    record Disabled() implements HealthCheck {}

    /**
     * Probe by running {@code test} inside the container.
     *
     * @param test        {@code ["CMD", exe, args…]} or {@code ["CMD-SHELL", "command"]}, as ECS and
     *                    Docker write it
     * @param interval    time between probes
     * @param timeout     time a probe may take before it counts as failed
     * @param retries     consecutive failures that make the container unhealthy
     * @param startPeriod grace time after start during which failures do not count
     */
    record Command(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod)
            implements HealthCheck {

        public Command {
            test = List.copyOf(test);
            if (test.size() < 2 || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL"))) {
                throw new IllegalArgumentException("health check must be [CMD, …] or [CMD-SHELL, command]: " + test);
            }
            if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("health check interval and timeout must be positive");
            }
            if (retries < 1) {
                throw new IllegalArgumentException("health check retries must be at least 1: " + retries);
            }
            if (startPeriod.isNegative()) {
                throw new IllegalArgumentException("health check start period is negative");
            }
        }

        /** A shell command probe with the ECS defaults: every 30 s, 5 s timeout, 3 retries, no start period. */
        public static Command shell(String command) {
            return new Command(List.of("CMD-SHELL", command), Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
                    Duration.ZERO);
        }

        public Command withInterval(Duration newInterval) {
            return new Command(test, newInterval, timeout, retries, startPeriod);
        }

        public Command withTimeout(Duration newTimeout) {
            return new Command(test, interval, newTimeout, retries, startPeriod);
        }

        public Command withRetries(int newRetries) {
            return new Command(test, interval, timeout, newRetries, startPeriod);
        }

        public Command withStartPeriod(Duration newStartPeriod) {
            return new Command(test, interval, timeout, retries, newStartPeriod);
        }
    }

    static HealthCheck imageDefault() {
        return new ImageDefault();
    }

    static HealthCheck disabled() {
        return new Disabled();
    }
}
