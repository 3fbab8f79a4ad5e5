package berth.ecs.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import berth.ecs.core.CapacityProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagedScalingTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final CapacityProvider.ManagedScaling FULL = new CapacityProvider.ManagedScaling("ENABLED", 100, 1, 10, 300);
    private static final ManagedScaling.Size TASK = new ManagedScaling.Size(1024, 512);
    private static final ManagedScaling.Size T3_SMALL = new ManagedScaling.Size(2048, 2048);

    private static ManagedScaling.Inputs inputs(CapacityProvider.ManagedScaling settings, int desired, int registered,
                                                int withTasks, int waiting, Optional<ManagedScaling.Size> size,
                                                Instant below, Instant now) {
        return new ManagedScaling.Inputs(settings, 0, 10, desired, registered, withTasks, Collections.nCopies(waiting, TASK),
                size, below, now, Duration.ofMinutes(15));
    }

    @Test
    void tasksWaitingOnAnEmptyGroupLaunchOneInstanceAtATime() {
        var d = ManagedScaling.decide(inputs(FULL, 0, 0, 0, 5, Optional.empty(), Instant.EPOCH, T0));
        assertThat(d.reservation()).isEqualTo(200);
        assertThat(d.instancesNeeded()).isEqualTo(1);
        assertThat(d.desiredCapacity()).isEqualTo(1);
    }

    @Test
    void onceAnInstanceIsMeasuredTheWaitingTasksArePackedIntoEnoughInstances() {
        // 2 vCPU per instance: two 1024-unit tasks fit one; 5 waiting need 3 more beside the busy one
        var d = ManagedScaling.decide(inputs(FULL, 1, 1, 1, 5, Optional.of(T3_SMALL), Instant.EPOCH, T0));
        assertThat(d.instancesNeeded()).isEqualTo(4);
        assertThat(d.reservation()).isEqualTo(400);
        assertThat(d.desiredCapacity()).isEqualTo(4);
    }

    @Test
    void scaleOutStepsAreBoundedAndTheTargetLeavesHeadroom() {
        var bounded = new CapacityProvider.ManagedScaling("ENABLED", 100, 2, 3, 300);
        assertThat(ManagedScaling.decide(inputs(bounded, 1, 1, 1, 20, Optional.of(T3_SMALL), Instant.EPOCH, T0))
                .desiredCapacity()).isEqualTo(4);
        assertThat(ManagedScaling.decide(inputs(bounded, 1, 1, 1, 1, Optional.of(T3_SMALL), Instant.EPOCH, T0))
                .desiredCapacity()).isEqualTo(3);
        var half = new CapacityProvider.ManagedScaling("ENABLED", 50, 1, 10, 300);
        assertThat(ManagedScaling.decide(inputs(half, 2, 2, 2, 0, Optional.of(T3_SMALL), Instant.EPOCH, T0))
                .desiredCapacity()).isEqualTo(4);
    }

    @Test
    void scaleInWaitsUntilTheReservationStayedBelowTarget() {
        var first = ManagedScaling.decide(inputs(FULL, 3, 3, 1, 0, Optional.of(T3_SMALL), Instant.EPOCH, T0));
        assertThat(first.reservation()).isEqualTo(34);
        assertThat(first.desiredCapacity()).isEqualTo(3);
        assertThat(first.belowTargetSince()).isEqualTo(T0);
        var later = ManagedScaling.decide(inputs(FULL, 3, 3, 1, 0, Optional.of(T3_SMALL), T0, T0.plus(Duration.ofMinutes(14))));
        assertThat(later.desiredCapacity()).isEqualTo(3);
        var due = ManagedScaling.decide(inputs(FULL, 3, 3, 1, 0, Optional.of(T3_SMALL), T0, T0.plus(Duration.ofMinutes(15))));
        assertThat(due.desiredCapacity()).isEqualTo(1);
        assertThat(due.belowTargetSince()).isEqualTo(Instant.EPOCH);
        var idle = ManagedScaling.decide(inputs(FULL, 1, 1, 0, 0, Optional.of(T3_SMALL), T0, T0.plus(Duration.ofMinutes(15))));
        assertThat(idle.reservation()).isZero();
        assertThat(idle.desiredCapacity()).isZero();
    }

    @Test
    void aTaskLargerThanAnyInstanceAsksForNothing() {
        var huge = List.of(new ManagedScaling.Size(8192, 512));
        assertThat(ManagedScaling.extraInstances(huge, Optional.of(T3_SMALL))).isZero();
    }
}
