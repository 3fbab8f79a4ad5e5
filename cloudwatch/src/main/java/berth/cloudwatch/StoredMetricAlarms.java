package berth.cloudwatch;

import berth.aws.Scope;
import berth.cloudwatch.core.Alarm;
import berth.cloudwatch.core.AlarmEvaluator;
import berth.cloudwatch.core.AlarmHistoryItem;
import berth.cloudwatch.core.AlarmQueries;
import berth.cloudwatch.core.AlarmQuery;
import berth.cloudwatch.state.AlarmRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link MetricAlarms} over the alarm records. */
final class StoredMetricAlarms implements MetricAlarms {
    private final AlarmRecords records;
    private final Clock clock;
    private final Runnable wake;

    StoredMetricAlarms(AlarmRecords records, Clock clock, Runnable wake) {
        this.records = records;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public List<AlarmView> withAction(Scope scope, String actionArn) {
        return records.list(scope).stream().filter(a -> a.alarmActions().contains(actionArn) || a.okActions().contains(actionArn)
                || a.insufficientDataActions().contains(actionArn)).map(StoredMetricAlarms::view).toList();
    }

    @Override
    public Optional<AlarmView> find(Scope scope, String name) {
        return records.find(scope, name).map(v -> view(v.value()));
    }

    private static AlarmView view(Alarm a) {
        return new AlarmView(a.name(), a.arn(), a.state(), a.actionsEnabled(), a.alarmActions(), a.okActions(),
                AlarmEvaluator.latestValue(a.stateReasonData()), a.threshold(), a.comparisonOperator(), a.stateUpdated(),
                AlarmEvaluator.evaluated(a.stateReasonData()));
    }

    @Override
    public void put(Scope scope, AlarmSpec s) {
        Instant now = clock.instant();
        Optional<Versioned<Alarm>> existing = records.find(scope, s.name());
        Alarm alarm = new Alarm(scope.accountId(), scope.region(), s.name(), s.description(), s.namespace(), s.metricName(),
                s.dimensions(), s.statistic(), s.period(), s.evaluationPeriods(), s.datapointsToAlarm(), s.threshold(),
                s.comparisonOperator(), s.treatMissingData(), s.unit(), true, s.alarmActions(), List.of(), List.of(),
                existing.map(e -> e.value().state()).orElse(Alarm.INSUFFICIENT_DATA),
                existing.map(e -> e.value().stateReason()).orElse("Unchecked: Initial alarm creation"),
                existing.map(e -> e.value().stateReasonData()).orElse(""),
                existing.map(e -> e.value().stateUpdated()).orElse(now), now,
                existing.map(e -> e.value().tags()).orElse(Map.of()), queries(s.metrics()));
        String summary = "Alarm \"" + s.name() + "\" " + (existing.isPresent() ? "updated" : "created");
        records.save(alarm, existing.map(Versioned::version).orElse(Store.ABSENT), List.of(new AlarmHistoryItem(
                scope.accountId(), scope.region(), s.name(), alarm.arn(), now, "ConfigurationUpdate", summary, "",
                records.nextSequence())));
        wake.run();
    }

    @Override
    public Optional<String> problem(List<Query> metrics) {
        return AlarmQueries.problem(queries(metrics));
    }

    private static List<AlarmQuery> queries(List<Query> metrics) {
        return metrics.stream().map(q -> new AlarmQuery(q.id(), q.expression(), q.label(), q.namespace(), q.metricName(),
                q.dimensions(), q.stat(), q.unit(), q.period(), q.returnData())).toList();
    }

    @Override
    public void delete(Scope scope, String name) {
        records.find(scope, name).ifPresent(v -> records.delete(v.value(), Store.ANY));
    }
}
