package berth.ecs.core.service;

import java.time.Instant;
import java.util.Objects;

/** One entry of a service's {@code events}: ECS's message, when, and a UUID. */
public record ServiceEvent(String id, Instant createdAt, String message) {
    public ServiceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(message, "message");
    }
}
