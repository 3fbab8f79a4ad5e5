package berth.apprunner.core;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConcurrencyScalingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(60);
    private final AutoScaling config = new AutoScaling("1", "r", "c", 1, "id", "arn", 10, 1, 4, true, false, "ACTIVE", T0, null);

    @Test
    void instancesWantedAreTheRequestsInFlightOverTheConcurrencyOfOneWithinTheBounds() {
        assertThat(ConcurrencyScaling.wanted(0, 10, 1, 4)).isEqualTo(1);
        assertThat(ConcurrencyScaling.wanted(10, 10, 1, 4)).isEqualTo(1);
        assertThat(ConcurrencyScaling.wanted(11, 10, 1, 4)).isEqualTo(2);
        assertThat(ConcurrencyScaling.wanted(35, 10, 1, 4)).isEqualTo(4);
        assertThat(ConcurrencyScaling.wanted(500, 10, 1, 4)).isEqualTo(4);
        assertThat(ConcurrencyScaling.wanted(0, 10, 2, 4)).isEqualTo(2);
    }

    @Test
    void scalesOutAtOnce() {
        var d = ConcurrencyScaling.decide(1, 25, config, null, T0, DELAY);
        assertThat(d.desired()).isEqualTo(3);
        assertThat(d.lowSince()).isNull();
    }

    @Test
    void scalesInOneInstanceAtATimeOnlyAfterTheLoadWantedFewerForTheDelay() {
        var first = ConcurrencyScaling.decide(3, 0, config, null, T0, DELAY);
        assertThat(first.desired()).isEqualTo(3);
        assertThat(first.lowSince()).isEqualTo(T0);
        var notYet = ConcurrencyScaling.decide(3, 0, config, first.lowSince(), T0.plusSeconds(59), DELAY);
        assertThat(notYet.desired()).isEqualTo(3);
        var step = ConcurrencyScaling.decide(3, 0, config, notYet.lowSince(), T0.plusSeconds(60), DELAY);
        assertThat(step.desired()).isEqualTo(2);
        assertThat(step.lowSince()).as("the delay starts again").isEqualTo(T0.plusSeconds(60));
        var last = ConcurrencyScaling.decide(2, 0, config, step.lowSince(), T0.plusSeconds(120), DELAY);
        assertThat(last.desired()).isEqualTo(1);
        assertThat(last.lowSince()).isNull();
    }

    @Test
    void aBurstDuringTheDelayCancelsTheScaleIn() {
        var low = ConcurrencyScaling.decide(3, 0, config, null, T0, DELAY);
        var burst = ConcurrencyScaling.decide(3, 30, config, low.lowSince(), T0.plusSeconds(30), DELAY);
        assertThat(burst.desired()).isEqualTo(3);
        assertThat(burst.lowSince()).isNull();
        var lowAgain = ConcurrencyScaling.decide(3, 0, config, burst.lowSince(), T0.plusSeconds(61), DELAY);
        assertThat(lowAgain.desired()).isEqualTo(3);
    }

    @Test
    void aCountOutsideTheBoundsIsBroughtInsideThemAtOnce() {
        assertThat(ConcurrencyScaling.decide(0, 0, config, null, T0, DELAY).desired()).isEqualTo(1);
        assertThat(ConcurrencyScaling.decide(9, 100, config, null, T0, DELAY).desired()).isEqualTo(4);
    }

    @Test
    void theDefaultConfigurationIsStablePerScope() {
        Scope scope = new Scope("000000000000", "us-east-1");
        AutoScaling a = AutoScaling.defaultFor(scope, T0);
        assertThat(a.arn()).isEqualTo(AutoScaling.defaultFor(scope, T0.plusSeconds(5)).arn())
                .startsWith("arn:aws:apprunner:us-east-1:000000000000:autoscalingconfiguration/DefaultConfiguration/1/");
        assertThat(a.maxConcurrency()).isEqualTo(100);
        assertThat(a.minSize()).isEqualTo(1);
        assertThat(a.maxSize()).isEqualTo(25);
    }
}
