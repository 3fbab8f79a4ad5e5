package berth.ecs.core.placement;

/**
 * The memory settings of one container definition: {@code memory} (hard limit) and
 * {@code memoryReservation} (soft limit), in MiB, 0 where the definition leaves them unset.
 */
public record ContainerMemory(int hardLimitMiB, int reservationMiB) {
    public ContainerMemory {
        if (hardLimitMiB < 0 || reservationMiB < 0) {
            throw new IllegalArgumentException("memory cannot be negative");
        }
    }

    /**
     * What this container takes from an instance's remaining memory: the reservation when there
     * is one, otherwise the hard limit.
     */
    public int placementMiB() {
        return reservationMiB > 0 ? reservationMiB : hardLimitMiB;
    }
}
