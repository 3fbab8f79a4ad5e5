package berth.ecs.core.taskdef;

import java.util.Locale;
import java.util.Optional;

/** How a task's containers are networked; {@code bridge} when a task definition names none. */
public enum NetworkMode {
    BRIDGE, HOST, AWSVPC, NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NetworkMode> of(String wireName) {
        for (NetworkMode mode : values()) {
            if (mode.wireName().equals(wireName)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
