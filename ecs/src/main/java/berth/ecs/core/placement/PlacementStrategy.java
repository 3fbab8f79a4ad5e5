package berth.ecs.core.placement;

import berth.ecs.core.InstanceSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How ECS chooses among the instances that can take a task. Strategies in a list apply in order:
 * each later one only decides between instances the earlier ones rank equal.
 */
public sealed interface PlacementStrategy {

    /** Fill instances tightly: prefer the least remaining CPU or memory that still fits the task. */
    record Binpack(Resource resource) implements PlacementStrategy {
        public Binpack {
            Objects.requireNonNull(resource, "resource");
        }
    }

    /**
     * Balance tasks of the same group across the values of a field: {@code instanceId} (or its
     * synonym {@code host}) or {@code attribute:NAME}. An instance without the attribute counts as
     * one more value.
     */
    record Spread(String field) implements PlacementStrategy {
        public Spread {
            Objects.requireNonNull(field, "field");
        }

        public boolean byInstance() {
            return field.equals(INSTANCE_ID) || field.equals(HOST);
        }

        /** The attribute name for {@code attribute:NAME} fields; empty for instance spread. */
        public String attributeName() {
            return byInstance() ? "" : field.substring(ATTRIBUTE_PREFIX.length());
        }
    }

    /** Pick uniformly at random among the remaining candidates. */
    record Random() implements PlacementStrategy {}

    enum Resource { CPU, MEMORY }

    String INSTANCE_ID = "instanceId";
    String HOST = "host";
    String ATTRIBUTE_PREFIX = "attribute:";

    /**
     * The default for standalone tasks (RunTask): tasks go randomly across the cluster, so no
     * instance receives a disproportionate share.
     */
    List<PlacementStrategy> RUN_TASK_DEFAULT = List.of(new Random());

    /**
     * The default for service tasks: balance the service's tasks across Availability Zones, then
     * favour the instances running the fewest of them.
     */
    List<PlacementStrategy> SERVICE_DEFAULT = List.of(
            new Spread(ATTRIBUTE_PREFIX + InstanceSnapshot.AVAILABILITY_ZONE), new Spread(INSTANCE_ID));

    /** The defaults ECS applies to a task of {@code group}: service tasks have {@code service:NAME} groups. */
    static List<PlacementStrategy> defaultsFor(String group) {
        return group.startsWith("service:") ? SERVICE_DEFAULT : RUN_TASK_DEFAULT;
    }

    /**
     * Reads a strategy as the API carries it ({@code type}, optional {@code field}; pass "" for no
     * field). Throws {@link InvalidPlacementException} for what ECS would refuse.
     */
    static PlacementStrategy of(String type, String field) {
        return switch (type) {
            case "binpack" -> switch (field.toLowerCase(Locale.ROOT)) {
                case "cpu" -> new Binpack(Resource.CPU);
                case "memory" -> new Binpack(Resource.MEMORY);
                default -> throw new InvalidPlacementException(
                        "Invalid field '" + field + "' for binpack placement strategy: valid values are cpu and memory.");
            };
            case "spread" -> {
                if (field.equals(INSTANCE_ID) || field.equals(HOST)
                        || (field.startsWith(ATTRIBUTE_PREFIX) && field.length() > ATTRIBUTE_PREFIX.length())) {
                    yield new Spread(field);
                }
                throw new InvalidPlacementException("Invalid field '" + field
                        + "' for spread placement strategy: valid values are instanceId, host or attribute:NAME.");
            }
            case "random" -> {
                if (!field.isEmpty()) {
                    throw new InvalidPlacementException("The random placement strategy does not take a field.");
                }
                yield new Random();
            }
            default -> throw new InvalidPlacementException(
                    "Invalid placement strategy type '" + type + "': valid values are random, spread and binpack.");
        };
    }
}
