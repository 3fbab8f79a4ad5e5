package berth.cloudwatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import berth.platform.RecordJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Alarms on metric math: the queries CloudWatch refuses, and the backlog per task evaluated period by period. */
class AlarmQueriesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final MetricId VISIBLE = new MetricId("AWS/SQS", "ApproximateNumberOfMessagesVisible",
            Map.of("QueueName", "jobs"));
    private static final MetricId RUNNING = new MetricId("ECS/ContainerInsights", "RunningTaskCount",
            Map.of("ClusterName", "default", "ServiceName", "worker"));

    private static List<AlarmQuery> backlogPerTask() {
        return List.of(AlarmQuery.metric("m1", "", VISIBLE, "Sum", "", 60, false),
                AlarmQuery.metric("m2", "", RUNNING, "Average", "", 60, false),
                AlarmQuery.expression("e1", "m1 / m2", "Backlog per task", 0, true));
    }

    @Test
    void backlogPerTaskIsTheDivisionPeriodByPeriodAndDivisionByZeroIsMissing() {
        Map<MetricId, List<Observation>> data = Map.of(
                VISIBLE, List.of(Observation.of(T0.plusSeconds(5), 30, "Count", 60),
                        Observation.of(T0.plusSeconds(65), 12, "Count", 60),
                        Observation.of(T0.plusSeconds(125), 6, "Count", 60),
                        Observation.of(T0.plusSeconds(185), 4, "Count", 60)),
                RUNNING, List.of(Observation.of(T0.plusSeconds(10), 1, "Count", 60),
                        Observation.of(T0.plusSeconds(70), 3, "Count", 60),
                        Observation.of(T0.plusSeconds(130), 0, "Count", 60)));
        List<AlarmQuery> queries = backlogPerTask();
        assertThat(AlarmQueries.problem(queries)).isEmpty();
        assertThat(AlarmQueries.period(queries)).isEqualTo(60);
        List<Optional<Double>> values = AlarmQueries.lastPeriods(queries, q -> data.get(q.metric()),
                T0.plusSeconds(240), 60, 4);
        assertThat(values).containsExactly(Optional.of(30.0), Optional.of(4.0),
                Optional.empty(), // 6 messages over 0 tasks
                Optional.empty()); // no running count at all
    }

    @Test
    void anAlarmOnMetricMathGoesToAlarmOnTheExpressionsValues() {
        Alarm alarm = new Alarm("1", "r", "backlog", "", "", "", Map.of(), "", 60, 1, 1, 10, "GreaterThanThreshold",
                "missing", "", true, List.of(), List.of(), List.of(), Alarm.OK, "", "", T0, T0, Map.of(), backlogPerTask());
        AlarmEvaluator.Decision d = AlarmEvaluator.evaluate(alarm, List.of(Optional.of(30.0)), List.of(T0), T0.plusSeconds(70));
        assertThat(d.state()).isEqualTo(Alarm.ALARM);
        assertThat(d.reasonData()).doesNotContain("statistic").contains("\"recentDatapoints\":[30.0]");
        assertThat(AlarmEvaluator.latestValue(d.reasonData())).contains(30.0);
    }

    @Test
    void cloudWatchRefusesTheseQueries() {
        List<AlarmQuery> two = new ArrayList<>(backlogPerTask());
        two.set(0, AlarmQuery.metric("m1", "", VISIBLE, "Sum", "", 60, true));
        assertThat(AlarmQueries.problem(two)).contains("Exactly one element of the metrics list should return data.");
        List<AlarmQuery> none = List.of(AlarmQuery.metric("m1", "", VISIBLE, "Sum", "", 60, false));
        assertThat(AlarmQueries.problem(none)).contains("Exactly one element of the metrics list should return data.");
        assertThat(AlarmQueries.problem(List.of(AlarmQuery.metric("M1", "", VISIBLE, "Sum", "", 60, true))))
                .hasValueSatisfying(m -> assertThat(m).contains("must start with a lowercase letter"));
        assertThat(AlarmQueries.problem(List.of(AlarmQuery.metric("m1", "", VISIBLE, "Sum", "", 60, false),
                AlarmQuery.metric("m2", "", RUNNING, "Average", "", 120, false),
                AlarmQuery.expression("e1", "m1/m2", "", 0, true))))
                .hasValueSatisfying(m -> assertThat(m).contains("same period"));
        assertThat(AlarmQueries.problem(List.of(AlarmQuery.metric("m1", "", VISIBLE, "Sum", "", 60, false),
                AlarmQuery.expression("e1", "m1/m9", "", 0, true))))
                .contains("Error in expression 'e1': Unrecognized token m9.");
        assertThat(AlarmQueries.problem(List.of(AlarmQuery.metric("m1", "", VISIBLE, "Median", "", 60, true))))
                .hasValueSatisfying(m -> assertThat(m).contains("is not a valid statistic"));
        assertThat(AlarmQueries.problem(List.of(AlarmQuery.metric("m1", "", VISIBLE, "Sum", "", 60, false),
                AlarmQuery.expression("e1", "e2 + m1", "", 0, true), AlarmQuery.expression("e2", "e1", "", 0, false))))
                .hasValueSatisfying(m -> assertThat(m).contains("depends on itself"));
        assertThat(AlarmQueries.problem(List.of(AlarmQuery.metric("m1", "", VISIBLE, "Sum", "", 45, true))))
                .hasValueSatisfying(m -> assertThat(m).contains("10, 20, 30 or a multiple of 60"));
    }

    @Test
    void anAlarmWithQueriesKeepsThemInItsRecordAndAnOldRecordReadsAsOnOneMetric() throws Exception {
        Alarm alarm = new Alarm("1", "r", "backlog", "", "", "", Map.of(), "", 60, 1, 1, 10, "GreaterThanThreshold",
                "missing", "", true, List.of(), List.of(), List.of(), Alarm.OK, "", "", T0, T0, Map.of(), backlogPerTask());
        var mapper = RecordJson.standardMapper();
        Alarm read = mapper.readValue(mapper.writeValueAsBytes(alarm), Alarm.class);
        assertThat(read).isEqualTo(alarm);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(alarm);
        tree.remove("metrics");
        assertThat(mapper.treeToValue(tree, Alarm.class).onMetricMath()).isFalse();
    }
}
