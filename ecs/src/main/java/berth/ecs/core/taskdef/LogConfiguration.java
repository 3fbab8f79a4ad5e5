package berth.ecs.core.taskdef;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The log driver of a container, its options, and options whose values come from secrets. */
public record LogConfiguration(String logDriver, Map<String, String> options, List<Secret> secretOptions) {
    public static final String AWSLOGS = "awslogs";

    public LogConfiguration {
        Objects.requireNonNull(logDriver, "logDriver");
        options = berth.ecs.core.OrderedMaps.copyOf(options);
        secretOptions = List.copyOf(secretOptions);
    }

    public boolean awslogs() {
        return AWSLOGS.equals(logDriver);
    }
}
