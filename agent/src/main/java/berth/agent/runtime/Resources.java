package berth.agent.runtime;

/**
 * The CPU and memory a container may use. Zero means "no limit" for every field, as the engine
 * reads it.
 *
 * @param cpuShares            relative CPU weight; ECS container {@code cpu} units map one to one
 * @param nanoCpus             hard CPU limit in billionths of a CPU (Fargate task {@code cpu}: 512
 *                             units = 0.5 CPU = 500_000_000)
 * @param memoryLimitMiB       hard memory limit: ECS {@code memory}; the kernel kills the container
 *                             beyond it
 * @param memoryReservationMiB soft memory limit: ECS {@code memoryReservation}
 */
public record Resources(int cpuShares, long nanoCpus, long memoryLimitMiB, long memoryReservationMiB) {

    public static final Resources UNLIMITED = new Resources(0, 0, 0, 0);

    public Resources {
        if (cpuShares < 0 || nanoCpus < 0 || memoryLimitMiB < 0 || memoryReservationMiB < 0) {
            throw new IllegalArgumentException("resources must not be negative");
        }
        if (memoryLimitMiB > 0 && memoryReservationMiB > memoryLimitMiB) {
            throw new IllegalArgumentException("memory reservation exceeds the memory limit");
        }
    }

    /** {@code cpu} in ECS CPU units (1024 per core) as a hard limit. */
    public static long nanoCpusOfUnits(int cpuUnits) {
        return cpuUnits * 1_000_000_000L / 1024;
    }
}
