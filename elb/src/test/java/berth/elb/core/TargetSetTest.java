package berth.elb.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TargetSetTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TargetKey A = new TargetKey("10.0.0.1", 80);
    private static final TargetKey B = new TargetKey("10.0.0.2", 80);

    @Test
    void deregisteredTargetsDrainForTheDelayThenLeave() {
        TargetSet set = TargetSet.EMPTY.register(List.of(A, B), Map.of(), T0);
        TargetSet draining = set.deregister(List.of(A), Duration.ofSeconds(30), T0.plusSeconds(5));
        assertThat(draining.find(A).orElseThrow().draining()).isTrue();
        assertThat(draining.nextDrainEnd(Duration.ofSeconds(30))).hasValue(T0.plusSeconds(35));
        assertThat(draining.expireDraining(Duration.ofSeconds(30), T0.plusSeconds(34))).isSameAs(draining);
        assertThat(draining.expireDraining(Duration.ofSeconds(30), T0.plusSeconds(35)).targets()).extracting(RegisteredTarget::key)
                .containsExactly(B);
        assertThat(set.deregister(List.of(A), Duration.ZERO, T0).targets()).extracting(RegisteredTarget::key).containsExactly(B);
    }

    @Test
    void registeringADrainingTargetCancelsItsDeregistration() {
        TargetSet draining = TargetSet.EMPTY.register(List.of(A), Map.of(), T0).deregister(List.of(A), Duration.ofSeconds(30), T0);
        TargetSet again = draining.register(List.of(A), Map.of(), T0.plusSeconds(1));
        assertThat(again.find(A).orElseThrow().draining()).isFalse();
        assertThat(again.register(List.of(A), Map.of(), T0.plusSeconds(2))).isEqualTo(again);
    }

    @Test
    void aGroupHoldsAtMostAThousandTargets() {
        List<TargetKey> many = IntStream.range(0, 1001).mapToObj(i -> new TargetKey("10.0." + (i / 250) + "." + (i % 250), 80)).toList();
        assertThatThrownBy(() -> TargetSet.EMPTY.register(many, Map.of(), T0))
                .isInstanceOfSatisfying(ElbException.class, e -> assertThat(e.error()).isEqualTo(ElbError.TOO_MANY_TARGETS));
    }
}
