package berth.agent.runtime;

import java.util.Map;

/** The log driver of a container and its options: ECS {@code logConfiguration}. */
public record LogConfiguration(String driver, Map<String, String> options) {

    public static final String JSON_FILE = "json-file";

    public LogConfiguration {
        if (driver.isBlank()) {
            throw new IllegalArgumentException("log driver is blank");
        }
        options = Map.copyOf(options);
    }

    /** The engine's {@code json-file} driver, which keeps logs readable through {@link Runtime#logs}. */
    public static LogConfiguration jsonFile() {
        return new LogConfiguration(JSON_FILE, Map.of());
    }
}
