package berth.agent.core;

import berth.agent.runtime.Resources;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine limits of each container of a task. Container {@code cpu} becomes CPU shares (at least
 * 2, as ECS's agent sets them); container {@code memory} and {@code memoryReservation} become the
 * hard and soft memory limits. A task-level {@code cpu} or {@code memory} (always on Fargate) is made
 * a real limit by splitting it over the containers, so the task as a whole stays within its size: a
 * container's own hard memory limit is kept and the rest of the task's memory is shared by the
 * containers without one; CPU is shared in proportion to container {@code cpu}, the unspecified
 * containers sharing what is left. A task of one container gets exactly the task's size.
 */
public final class TaskResourceSplit {

    /** ECS's agent never gives a container fewer CPU shares than this. */
    static final int MIN_CPU_SHARES = 2;
    /** The engine refuses memory limits below 6 MiB. */
    static final long MIN_MEMORY_MIB = 6;
    /** The engine's smallest useful CPU limit: a hundredth of a CPU. */
    static final long MIN_NANO_CPUS = 10_000_000L;
    /** Weight, in CPU units, of a container without {@code cpu} when the others already take the whole task. */
    private static final double LEFTOVER_WEIGHT = 128;

    private TaskResourceSplit() {}

    /** The limits of every container of {@code task}, by container name. */
    public static Map<String, Resources> of(AssignedTask task) {
        List<AssignedContainer> containers = task.containers();
        Map<String, Long> nanoCpus = cpuLimits(containers, task.cpuUnits());
        Map<String, Long> memory = memoryLimits(containers, task.memoryMiB());
        Map<String, Resources> out = new LinkedHashMap<>();
        for (AssignedContainer c : containers) {
            long limit = memory.getOrDefault(c.name(), 0L);
            long reservation = c.memoryReservationMiB();
            if (limit > 0 && reservation > limit) {
                reservation = limit;
            }
            out.put(c.name(), new Resources(Math.max(c.cpu(), MIN_CPU_SHARES), nanoCpus.getOrDefault(c.name(), 0L),
                    limit, reservation));
        }
        return out;
    }

    private static Map<String, Long> cpuLimits(List<AssignedContainer> containers, int taskUnits) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (taskUnits <= 0 || containers.isEmpty()) {
            return out;
        }
        long explicit = containers.stream().mapToLong(AssignedContainer::cpu).sum();
        long unset = containers.stream().filter(c -> c.cpu() <= 0).count();
        double unsetWeight = unset == 0 ? 0 : explicit < taskUnits ? (taskUnits - explicit) / (double) unset
                : LEFTOVER_WEIGHT;
        double total = explicit + unsetWeight * unset;
        for (AssignedContainer c : containers) {
            double weight = c.cpu() > 0 ? c.cpu() : unsetWeight;
            long nano = Math.round(taskUnits * (weight / total) * 1_000_000_000d / 1024d);
            out.put(c.name(), Math.max(nano, MIN_NANO_CPUS));
        }
        return out;
    }

    private static Map<String, Long> memoryLimits(List<AssignedContainer> containers, int taskMiB) {
        Map<String, Long> out = new LinkedHashMap<>();
        long fixed = 0;
        int unset = 0;
        for (AssignedContainer c : containers) {
            if (c.memoryMiB() > 0) {
                out.put(c.name(), (long) c.memoryMiB());
                fixed += c.memoryMiB();
            } else {
                unset++;
            }
        }
        if (taskMiB <= 0 || unset == 0) {
            return out;
        }
        long share = Math.max((taskMiB - fixed) / unset, MIN_MEMORY_MIB);
        for (AssignedContainer c : containers) {
            if (c.memoryMiB() <= 0) {
                out.put(c.name(), share);
            }
        }
        return out;
    }
}
