package berth.ecs.core.task;

import java.util.Objects;

/** One entry of a capacity provider strategy: the provider, its weight (0..1000) and base (0..100000). */
public record CapacityProviderItem(String capacityProvider, int weight, int base) {
    public CapacityProviderItem {
        Objects.requireNonNull(capacityProvider, "capacityProvider");
    }
}
