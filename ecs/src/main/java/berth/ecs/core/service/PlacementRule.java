package berth.ecs.core.service;

import java.util.Objects;

/**
 * A placement constraint ({@code type} and {@code expression}) or strategy ({@code type} and
 * {@code field}) of a service, as the request gave it; empty text for an absent part.
 */
public record PlacementRule(String type, String value) {
    public PlacementRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
