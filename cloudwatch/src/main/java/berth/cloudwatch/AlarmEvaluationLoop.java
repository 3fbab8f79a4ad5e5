package berth.cloudwatch;

import berth.cloudwatch.core.Alarm;
import berth.cloudwatch.core.AlarmEvaluator;
import berth.cloudwatch.core.AlarmHistoryItem;
import berth.cloudwatch.core.AlarmQueries;
import berth.cloudwatch.core.MetricId;
import berth.cloudwatch.core.Observation;
import berth.cloudwatch.core.PeriodSeries;
import berth.cloudwatch.core.Statistic;
import berth.cloudwatch.state.AlarmRecords;
import berth.cloudwatch.state.MetricRecords;
import berth.platform.RecordTable.Versioned;
import berth.platform.WakeableLoop;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every alarm when one of its periods completes (and when alarms change): reads the
 * statistic of its last evaluation periods, asks {@link AlarmEvaluator}, and writes a state change
 * with its history item. Level-triggered: a pass re-reads everything, so a missed wake or a restart
 * only delays the next evaluation.
 */
public final class AlarmEvaluationLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmEvaluationLoop.class);

    private final AlarmRecords alarms;
    private final MetricRecords metrics;
    private final Clock clock;
    /** How long after a period ends it is evaluated, for datapoints that arrive late. */
    private final Duration delay;
    private final WakeableLoop loop;
    /**
     * Per alarm, the period end and configuration it was last evaluated at: an alarm is evaluated
     * once per period (and when reconfigured), so a state set by SetAlarmState holds until the next
     * period is evaluated, as on AWS.
     */
    private final java.util.Map<String, String> evaluated = new java.util.concurrent.ConcurrentHashMap<>();

    public AlarmEvaluationLoop(Store store, AlarmRecords alarms, MetricRecords metrics, Clock clock, Duration delay) {
        this.alarms = alarms;
        this.metrics = metrics;
        this.clock = clock;
        this.delay = delay;
        this.loop = new WakeableLoop("cloudwatch-alarms", store, clock, List.of(AlarmRecords.KIND), Duration.ofMillis(200),
                this::pass);
    }

    public void start() {
        loop.start();
    }

    public void wake() {
        loop.wake();
    }

    private Instant pass() {
        Instant now = clock.instant();
        Instant next = now.plus(Duration.ofMinutes(1));
        for (Versioned<Alarm> found : alarms.all()) {
            Alarm alarm = found.value();
            try {
                evaluate(found, now);
            } catch (VersionConflict raced) {
                loop.wake();
            } catch (RuntimeException e) {
                LOG.warn("evaluating alarm {} failed", alarm.name(), e);
            }
            Instant due = PeriodSeries.alignDown(now.minus(delay), alarm.period()).plusSeconds(alarm.period()).plus(delay);
            if (due.isBefore(next)) {
                next = due;
            }
        }
        return next;
    }

    private void evaluate(Versioned<Alarm> found, Instant now) {
        Alarm alarm = found.value();
        Instant end = PeriodSeries.alignDown(now.minus(delay), alarm.period());
        String key = alarm.scope().key(alarm.name());
        String mark = end + "|" + alarm.configurationUpdated();
        if (mark.equals(evaluated.get(key))) {
            return;
        }
        Instant start = end.minusSeconds((long) alarm.period() * alarm.evaluationPeriods());
        List<Optional<Double>> values;
        if (alarm.onMetricMath()) {
            values = AlarmQueries.lastPeriods(alarm.metrics(), q -> observations(alarm, q.metric(), q.unit(), start, end),
                    end, alarm.period(), alarm.evaluationPeriods());
        } else {
            values = PeriodSeries.lastPeriods(observations(alarm, alarm.metric(), alarm.unit(), start, end), end,
                    alarm.period(), alarm.evaluationPeriods(), Statistic.parse(alarm.statistic()).orElseThrow());
        }
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < alarm.evaluationPeriods(); i++) {
            starts.add(start.plusSeconds((long) alarm.period() * i));
        }
        AlarmEvaluator.Decision decision = AlarmEvaluator.evaluate(alarm, values, starts, now);
        evaluated.put(key, mark);
        if (decision.state().equals(alarm.state()) && decision.reasonData().equals(alarm.stateReasonData())) {
            return;
        }
        if (decision.state().equals(alarm.state())) {
            // the same state with newer data: kept current for readers of the latest value, without history
            alarms.save(alarm.withState(alarm.state(), decision.reason(), decision.reasonData(), alarm.stateUpdated()),
                    found.version(), List.of());
            return;
        }
        Alarm changed = alarm.withState(decision.state(), decision.reason(), decision.reasonData(), now);
        AlarmHistoryItem item = new AlarmHistoryItem(alarm.accountId(), alarm.region(), alarm.name(), alarm.arn(), now,
                "StateUpdate", "Alarm updated from " + alarm.state() + " to " + changed.state(),
                "{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"" + alarm.state() + "\"},\"newState\":{\"stateValue\":\""
                        + changed.state() + "\",\"stateReasonData\":" + changed.stateReasonData() + "}}",
                alarms.nextSequence());
        alarms.save(changed, found.version(), List.of(item));
        LOG.info("alarm {} of account {} region {}: {} -> {}", alarm.name(), alarm.accountId(), alarm.region(),
                alarm.state(), changed.state());
    }

    private List<Observation> observations(Alarm alarm, MetricId metric, String unit, Instant start, Instant end) {
        return metrics.observations(alarm.scope(), metric, start, end).stream()
                .filter(o -> unit.isEmpty() || o.unit().equals(unit)).toList();
    }

    @Override
    public void close() {
        loop.close();
    }
}
