package berth.ecs.core.placement;

import berth.ecs.core.InstanceSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategies of one request as sort keys over instance indexes: lower is better, compared
 * key by key so each strategy only breaks the ties of the ones before it. Binpack keys are the
 * remaining CPU or memory; instance spread keys are the group's tasks on the instance; attribute
 * spread keys are the group's tasks on all instances sharing the attribute value. A random
 * strategy ends the keys: instances equal up to it are chosen among uniformly, and so are
 * instances equal on every key (strategies are best effort, never a reason to prefer an ARN).
 */
final class Ranking {
    private static final byte CPU = 0;
    private static final byte MEMORY = 1;
    private static final byte INSTANCE_SPREAD = 2;
    private static final byte ATTRIBUTE_SPREAD = 3;

    private final int keyCount;
    private final byte[] kinds;
    private final int[][] valueIndex;
    private final int[][] valueCount;
    private final int[] cpu;
    private final int[] memory;
    private final int[] groupCount;

    /**
     * {@code groupCount} (tasks of the request's group per instance) may be null when no
     * strategy spreads.
     */
    Ranking(List<PlacementStrategy> strategies, List<InstanceSnapshot> instances, int[] cpu, int[] memory,
            int[] groupCount) {
        List<PlacementStrategy> keys = new ArrayList<>();
        for (PlacementStrategy strategy : strategies) {
            if (strategy instanceof PlacementStrategy.Random) {
                break;
            }
            keys.add(strategy);
        }
        this.keyCount = keys.size();
        this.kinds = new byte[keyCount];
        this.valueIndex = new int[keyCount][];
        this.valueCount = new int[keyCount][];
        this.cpu = cpu;
        this.memory = memory;
        this.groupCount = groupCount;
        for (int s = 0; s < keyCount; s++) {
            switch (keys.get(s)) {
                case PlacementStrategy.Binpack binpack ->
                        kinds[s] = binpack.resource() == PlacementStrategy.Resource.CPU ? CPU : MEMORY;
                case PlacementStrategy.Spread spread when spread.byInstance() -> kinds[s] = INSTANCE_SPREAD;
                case PlacementStrategy.Spread spread -> {
                    kinds[s] = ATTRIBUTE_SPREAD;
                    indexValues(s, spread.attributeName(), instances);
                }
                case PlacementStrategy.Random random -> throw new IllegalStateException("random ends the keys");
            }
        }
    }

    static boolean spreads(List<PlacementStrategy> strategies) {
        for (PlacementStrategy strategy : strategies) {
            if (strategy instanceof PlacementStrategy.Random) {
                return false;
            }
            if (strategy instanceof PlacementStrategy.Spread) {
                return true;
            }
        }
        return false;
    }

    int keyCount() {
        return keyCount;
    }

    /** Negative when instance {@code i} ranks before keys {@code best}, zero when equal. */
    int compare(int i, long[] best) {
        for (int s = 0; s < keyCount; s++) {
            long key = key(s, i);
            if (key != best[s]) {
                return key < best[s] ? -1 : 1;
            }
        }
        return 0;
    }

    void keys(int i, long[] into) {
        for (int s = 0; s < keyCount; s++) {
            into[s] = key(s, i);
        }
    }

    /** Counts a task of the group newly placed on instance {@code i} (its own count is {@code groupCount}). */
    void placed(int i) {
        for (int s = 0; s < keyCount; s++) {
            if (kinds[s] == ATTRIBUTE_SPREAD) {
                valueCount[s][valueIndex[s][i]]++;
            }
        }
    }

    private long key(int s, int i) {
        return switch (kinds[s]) {
            case CPU -> cpu[i];
            case MEMORY -> memory[i];
            case INSTANCE_SPREAD -> groupCount[i];
            default -> valueCount[s][valueIndex[s][i]];
        };
    }

    /** Value 0 stands for instances without the attribute; they spread as one more value. */
    private void indexValues(int s, String attribute, List<InstanceSnapshot> instances) {
        Map<String, Integer> indexOf = new HashMap<>();
        int[] index = new int[instances.size()];
        for (int i = 0; i < index.length; i++) {
            String value = instances.get(i).attributes().get(attribute);
            index[i] = value == null ? 0 : indexOf.computeIfAbsent(value, v -> indexOf.size() + 1);
        }
        int[] counts = new int[indexOf.size() + 1];
        for (int i = 0; i < index.length; i++) {
            counts[index[i]] += groupCount[i];
        }
        valueIndex[s] = index;
        valueCount[s] = counts;
    }
}
