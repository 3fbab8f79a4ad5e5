package berth.apprunner.control;

import java.time.Duration;
import java.util.Map;

/**
 * The App Runner control loop's settings, from the environment: {@code BERTH_APPRUNNER_PORT} (the
 * listener port of the default account and region's services; a free port chosen once when unset,
 * and always for other accounts and regions), {@code BERTH_APPRUNNER_SCALE_IN_SECONDS} (how long the
 * load must want fewer instances before one stops; 60), {@code BERTH_APPRUNNER_PASS_MILLIS} (how
 * often the loop samples the load and converges; 1000), {@code BERTH_APPRUNNER_DEPLOY_TIMEOUT_SECONDS}
 * (how long a deployment may take before its operation fails; 900) and
 * {@code BERTH_APPRUNNER_DRAIN_SECONDS} (the target groups' deregistration delay; 5).
 */
public record AppRunnerSettings(int port, Duration scaleInDelay, Duration pass, Duration deployTimeout, int drainSeconds) {

    public static AppRunnerSettings fromEnvironment(Map<String, String> env) {
        return new AppRunnerSettings((int) number(env, "BERTH_APPRUNNER_PORT", 0),
                Duration.ofSeconds(number(env, "BERTH_APPRUNNER_SCALE_IN_SECONDS", 60)),
                Duration.ofMillis(Math.max(100, number(env, "BERTH_APPRUNNER_PASS_MILLIS", 1000))),
                Duration.ofSeconds(number(env, "BERTH_APPRUNNER_DEPLOY_TIMEOUT_SECONDS", 900)),
                (int) number(env, "BERTH_APPRUNNER_DRAIN_SECONDS", 5));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
