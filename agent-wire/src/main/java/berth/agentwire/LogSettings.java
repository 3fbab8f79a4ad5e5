package berth.agentwire;

import java.util.Map;

/**
 * A container's log driver and its options; {@link #NONE} (empty driver) for the engine's default.
 * The agent ships {@code awslogs} lines itself, from the {@code awslogs-*} options.
 */
public record LogSettings(String logDriver, Map<String, String> options) {
    public static final String AWSLOGS = "awslogs";
    public static final LogSettings NONE = new LogSettings("", Map.of());

    public LogSettings {
        logDriver = WireValues.text(logDriver);
        options = WireValues.map(options);
    }

    public boolean present() {
        return !logDriver.isEmpty();
    }

    public boolean awslogs() {
        return AWSLOGS.equals(logDriver);
    }
}
