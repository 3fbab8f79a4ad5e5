package berth.ecs.core.capacity;

import berth.ecs.core.CapacityProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ECS managed scaling of one Auto Scaling group capacity provider, as a pure function of what the
 * provider's instances hold, the tasks waiting for it and the time.
 *
 * <p>{@code M} is the number of instances the provider needs: those running tasks, plus the empty
 * instances the waiting tasks would fill (first-fit by CPU and memory into instances the size of the
 * provider's largest; one at a time while the provider has none to measure). {@code N} is the
 * number of its instances registered. {@code CapacityProviderReservation = M / N × 100}; with no
 * instance it is 200 when tasks wait, else 100. The group's desired capacity follows
 * {@code ceil(M × 100 / targetCapacity)}: up at once by at least the minimum and at most the maximum
 * scaling step; down only once the reservation has stayed below the target for {@code scaleInAfter}
 * (target tracking's scale-in patience), by at most the maximum step; always within the group's bounds.
 */
public final class ManagedScaling {
    private ManagedScaling() {}

    /** CPU units and memory a task needs, or an instance has. */
    public record Size(int cpuUnits, int memoryMiB) {}

    public record Inputs(CapacityProvider.ManagedScaling settings, int groupMin, int groupMax, int groupDesired,
                         int registeredInstances, int instancesWithTasks, List<Size> waitingTasks,
                         Optional<Size> instanceSize, Instant belowTargetSince, Instant now, Duration scaleInAfter) {
        public Inputs {
            waitingTasks = List.copyOf(waitingTasks);
        }
    }

    /**
     * @param instancesNeeded  M
     * @param reservation      CapacityProviderReservation, percent
     * @param desiredCapacity  what the group's desired capacity should be now
     * @param belowTargetSince since when the reservation has been below target (EPOCH: it is not)
     */
    public record Decision(int instancesNeeded, int reservation, int desiredCapacity, Instant belowTargetSince) {}

    public static Decision decide(Inputs in) {
        int extra = extraInstances(in.waitingTasks(), in.instanceSize());
        int needed = in.instancesWithTasks() + extra;
        int n = in.registeredInstances();
        int reservation = n == 0 ? (needed > 0 ? 200 : 100) : (int) Math.ceil(needed * 100.0 / n);
        int target = (int) Math.ceil(needed * 100.0 / Math.max(1, in.settings().targetCapacity()));
        int current = in.groupDesired();
        int minStep = Math.max(1, in.settings().minimumScalingStepSize());
        int maxStep = Math.max(minStep, in.settings().maximumScalingStepSize());
        int desired = current;
        Instant below = Instant.EPOCH;
        if (target > current) {
            desired = current + Math.min(maxStep, Math.max(minStep, target - current));
        } else if (target < current) {
            below = in.belowTargetSince().equals(Instant.EPOCH) ? in.now() : in.belowTargetSince();
            if (!in.now().isBefore(below.plus(in.scaleInAfter()))) {
                desired = current - Math.min(maxStep, current - target);
                below = Instant.EPOCH;
            }
        }
        desired = Math.max(in.groupMin(), Math.min(in.groupMax(), desired));
        return new Decision(needed, reservation, desired, below);
    }

    /** Empty instances the waiting tasks fill, first-fit decreasing; one while there is no instance to measure. */
    static int extraInstances(List<Size> waiting, Optional<Size> instanceSize) {
        if (waiting.isEmpty()) return 0;
        if (instanceSize.isEmpty()) return 1;
        Size size = instanceSize.get();
        List<int[]> bins = new ArrayList<>();
        List<Size> sorted = new ArrayList<>(waiting);
        sorted.sort((a, b) -> Integer.compare(b.memoryMiB() + b.cpuUnits(), a.memoryMiB() + a.cpuUnits()));
        for (Size task : sorted) {
            if (task.cpuUnits() > size.cpuUnits() || task.memoryMiB() > size.memoryMiB()) {
                continue; // fits no instance of this size: scaling cannot help it
            }
            int[] bin = bins.stream().filter(b -> b[0] >= task.cpuUnits() && b[1] >= task.memoryMiB()).findFirst()
                    .orElse(null);
            if (bin == null) {
                bin = new int[] {size.cpuUnits(), size.memoryMiB()};
                bins.add(bin);
            }
            bin[0] -= task.cpuUnits();
            bin[1] -= task.memoryMiB();
        }
        return bins.size();
    }
}
