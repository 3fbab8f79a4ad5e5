package berth.cloudwatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Alarm state decisions over evaluation periods, with an injected time and no sleeping. */
class AlarmEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Alarm alarm(int evaluationPeriods, int datapointsToAlarm, String missing, String state) {
        return new Alarm("1", "r", "a", "", "App", "Load", Map.of(), "Average", 60, evaluationPeriods, datapointsToAlarm,
                50, "GreaterThanThreshold", missing, "", true, List.of(), List.of(), List.of(), state, "", "", T0, T0, Map.of());
    }

    private static AlarmEvaluator.Decision evaluate(Alarm alarm, Double... values) {
        List<Optional<Double>> v = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            v.add(Optional.ofNullable(values[i]));
            starts.add(T0.plusSeconds(60L * i));
        }
        return AlarmEvaluator.evaluate(alarm, v, starts, T0.plusSeconds(600));
    }

    @Test
    void mOutOfNBreachingPeriodsAlarm() {
        Alarm a = alarm(3, 2, "missing", Alarm.OK);
        assertThat(evaluate(a, 60.0, 10.0, 70.0).state()).isEqualTo(Alarm.ALARM);
        assertThat(evaluate(a, 60.0, 10.0, 20.0).state()).isEqualTo(Alarm.OK);
        assertThat(evaluate(a, 50.0, 50.0, 50.0).state()).as("equal is not greater").isEqualTo(Alarm.OK);
    }

    @Test
    void reasonNamesTheDatapointsAndTheThreshold() {
        AlarmEvaluator.Decision d = evaluate(alarm(1, 1, "missing", Alarm.OK), 75.5);
        assertThat(d.reason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [75.5 (01/01/26 00:00:00)]"
                + " was greater than the threshold (50.0).");
        assertThat(AlarmEvaluator.latestValue(d.reasonData())).contains(75.5);
        assertThat(AlarmEvaluator.evaluated(d.reasonData())).as("the evaluation's time").contains(T0.plusSeconds(600));
        assertThat(AlarmEvaluator.evaluated("")).isEmpty();
        assertThat(AlarmEvaluator.evaluated("{\"queryDate\":\"yesterday\"}")).isEmpty();
    }

    @Test
    void missingDataIsTreatedAsConfigured() {
        assertThat(evaluate(alarm(2, 2, "missing", Alarm.OK), null, null).state()).isEqualTo(Alarm.INSUFFICIENT_DATA);
        assertThat(evaluate(alarm(2, 2, "breaching", Alarm.OK), null, 60.0).state()).isEqualTo(Alarm.ALARM);
        assertThat(evaluate(alarm(2, 2, "notBreaching", Alarm.ALARM), null, null).state()).isEqualTo(Alarm.OK);
        assertThat(evaluate(alarm(2, 2, "notBreaching", Alarm.ALARM), null, null).reason()).isEqualTo("Threshold Crossed:"
                + " no datapoints were received for 2 periods and 2 missing datapoints were treated as [NonBreaching].");
        assertThat(evaluate(alarm(2, 2, "breaching", Alarm.OK), null, null).state()).isEqualTo(Alarm.ALARM);
        assertThat(evaluate(alarm(2, 2, "ignore", Alarm.ALARM), null, null).state()).as("ignore keeps the state")
                .isEqualTo(Alarm.ALARM);
        assertThat(evaluate(alarm(2, 1, "missing", Alarm.OK), null, 60.0).state()).isEqualTo(Alarm.ALARM);
    }

    @Test
    void periodsAreAlignedAndEmptyWhereNoDataArrived() {
        List<Observation> obs = List.of(Observation.of(T0.plusSeconds(5), 10, "None", 60),
                Observation.of(T0.plusSeconds(50), 30, "None", 60), Observation.of(T0.plusSeconds(130), 7, "None", 60));
        List<Optional<Double>> periods = PeriodSeries.lastPeriods(obs, T0.plusSeconds(180), 60, 3, Statistic.Standard.Average);
        assertThat(periods).containsExactly(Optional.of(20.0), Optional.empty(), Optional.of(7.0));
        assertThat(Statistic.parse("p50").orElseThrow().of(obs)).contains(10.0);
        assertThat(Statistic.parse("p99").orElseThrow().of(obs)).contains(30.0);
        assertThat(Statistic.parse("p101")).isEmpty();
    }

    @Test
    void retentionRollsHighResolutionDataIntoMinutesAndDropsOldData() {
        Instant now = T0.plusSeconds(86_400 * 20);
        List<MetricRetention.Stored> stored = List.of(
                new MetricRetention.Stored("old", Observation.of(T0, 1, "None", 60)),
                new MetricRetention.Stored("h1", Observation.of(now.minusSeconds(4 * 3600), 2, "None", 1)),
                new MetricRetention.Stored("h2", Observation.of(now.minusSeconds(4 * 3600 - 1), 4, "None", 1)),
                new MetricRetention.Stored("recent", Observation.of(now.minusSeconds(60), 3, "None", 1)));
        MetricRetention.Plan plan = MetricRetention.CLOUDWATCH.plan(stored, now);
        assertThat(plan.remove()).containsExactlyInAnyOrder("old", "h1", "h2");
        assertThat(plan.add()).hasSize(1);
        assertThat(plan.add().get(0).sampleCount()).isEqualTo(2);
        assertThat(plan.add().get(0).sum()).isEqualTo(6);
        assertThat(plan.add().get(0).storageResolution()).isEqualTo(60);
    }
}
