package berth.elb.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Which targets may take a new request, and which target group of a weighted forward does. */
public final class TargetChoice {
    private TargetChoice() {}

    /**
     * The targets a load balancer routes to: the healthy ones when there are any; otherwise every
     * target that is not draining, whatever its state (initial or unhealthy), as ALB fails open.
     *
     * @param active the registered targets that are not draining
     */
    public static <T> List<T> eligible(List<T> active, Predicate<T> healthy) {
        List<T> chosen = new ArrayList<>();
        for (T target : active) {
            if (healthy.test(target)) chosen.add(target);
        }
        return chosen.isEmpty() ? List.copyOf(active) : chosen;
    }

    /**
     * The index whose weight covers {@code roll}, where {@code roll} is uniform in
     * {@code [0, sum(weights))}; -1 when every weight is 0.
     */
    public static int weighted(int[] weights, int roll) {
        int cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (roll < cumulative) return i;
        }
        return -1;
    }

    public static int totalWeight(int[] weights) {
        int total = 0;
        for (int w : weights) total += w;
        return total;
    }
}
