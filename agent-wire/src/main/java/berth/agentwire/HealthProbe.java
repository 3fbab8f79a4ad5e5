package berth.agentwire;

import java.util.List;

/**
 * A container's health check: {@code command} starts with {@code CMD}, {@code CMD-SHELL} or
 * {@code NONE} (the image's own check turned off); empty in {@link #NONE}, which keeps the image's
 * check. A timing of 0 means ECS's default.
 */
public record HealthProbe(List<String> command, int intervalSeconds, int timeoutSeconds, int retries,
                          int startPeriodSeconds) {
    public static final int DEFAULT_INTERVAL_SECONDS = 30;
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_RETRIES = 3;
    public static final HealthProbe NONE = new HealthProbe(List.of(), 0, 0, 0, 0);

    public HealthProbe {
        command = WireValues.list(command);
    }

    public boolean present() {
        return !command.isEmpty();
    }
}
