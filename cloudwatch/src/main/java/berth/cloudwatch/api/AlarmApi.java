package berth.cloudwatch.api;

import berth.aws.AwsValidationException;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.cloudwatch.core.Alarm;
import berth.cloudwatch.core.AlarmHistoryItem;
import berth.cloudwatch.core.AlarmQueries;
import berth.cloudwatch.core.AlarmQuery;
import berth.cloudwatch.core.Statistic;
import berth.cloudwatch.state.AlarmRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.*;

/** Metric alarms: put, describe, delete, set state, enable and disable actions, history, tags. */
final class AlarmApi {
    private static final List<String> MISSING_DATA = List.of("missing", "breaching", "notBreaching", "ignore");

    private final AlarmRecords records;
    private final Clock clock;
    private final Runnable wakeEvaluator;

    AlarmApi(AlarmRecords records, Clock clock, Runnable wakeEvaluator) {
        this.records = records;
        this.clock = clock;
        this.wakeEvaluator = wakeEvaluator;
    }

    PutMetricAlarmResponse put(PutMetricAlarmRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        if (r.thresholdMetricId() != null) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception("berth has no anomaly detection models:"
                    + " ThresholdMetricId (an alarm on an anomaly detection band) is not supported.");
        }
        List<AlarmQuery> queries = AlarmMetrics.queries(r, ctx);
        String statistic = "";
        int period;
        if (!queries.isEmpty()) {
            period = AlarmQueries.period(queries);
        } else {
            if (r.metricName() == null || r.namespace() == null) {
                throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameters MetricName and Namespace are required.");
            }
            if ((r.statistic() == null) == (r.extendedStatistic() == null)) {
                throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception(
                        "Exactly one of Statistic and ExtendedStatistic must be specified.");
            }
            statistic = r.statistic() != null ? r.statisticAsString() : r.extendedStatistic();
            if (r.extendedStatistic() != null && !(Statistic.parse(statistic).orElse(null) instanceof Statistic.Percentile)) {
                throw CloudWatchErrors.invalid("ExtendedStatistic", statistic);
            }
            if (r.period() == null) {
                throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter Period is required.");
            }
            period = r.period();
            if (!AlarmQueries.validPeriod(period)) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("Period must be 10, 20, 30 or a multiple of 60.");
            }
        }
        if (r.threshold() == null) {
            throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter Threshold is required.");
        }
        if (r.comparisonOperator() == null) {
            throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter ComparisonOperator is required.");
        }
        if (!List.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
                "LessThanOrEqualToThreshold").contains(r.comparisonOperatorAsString())) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception("Comparison operator "
                    + r.comparisonOperatorAsString() + " is only supported for anomaly detection alarms.");
        }
        int evaluationPeriods = r.evaluationPeriods();
        int datapoints = r.datapointsToAlarm() == null ? evaluationPeriods : r.datapointsToAlarm();
        if (datapoints > evaluationPeriods) {
            throw CloudWatchErrors.VALIDATION.exception("DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
        }
        if ((long) period * evaluationPeriods > 7 * 86_400) {
            throw CloudWatchErrors.VALIDATION.exception("The evaluation period cannot exceed 7 days.");
        }
        String missing = r.treatMissingData() == null ? "missing" : r.treatMissingData();
        if (!MISSING_DATA.contains(missing)) {
            throw CloudWatchErrors.invalid("TreatMissingData", missing);
        }
        if (r.evaluateLowSampleCountPercentile() != null) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception(
                    "berth evaluates percentiles on every sample: EvaluateLowSampleCountPercentile is not supported.");
        }
        List<String> actions = new ArrayList<>(r.alarmActions());
        actions.addAll(r.okActions());
        actions.addAll(r.insufficientDataActions());
        for (String action : actions) {
            if (!action.startsWith("arn:aws:autoscaling:")) {
                throw CloudWatchErrors.VALIDATION.exception("Invalid action: berth acts on scaling policies of EC2 Auto"
                        + " Scaling and Application Auto Scaling only (arn:aws:autoscaling:...), not " + action + ".");
            }
        }
        Instant now = clock.instant();
        Optional<Versioned<Alarm>> existing = records.find(scope, r.alarmName());
        Map<String, String> tags = new LinkedHashMap<>(existing.map(e -> e.value().tags()).orElse(Map.of()));
        if (existing.isEmpty()) {
            r.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        Alarm alarm = new Alarm(scope.accountId(), scope.region(), r.alarmName(),
                r.alarmDescription() == null ? "" : r.alarmDescription(), orEmpty(r.namespace()), orEmpty(r.metricName()),
                Dimensions.of(r.dimensions(), "Dimensions"), statistic, period, evaluationPeriods, datapoints,
                r.threshold(), r.comparisonOperatorAsString(), missing, r.unitAsString() == null ? "" : r.unitAsString(),
                r.actionsEnabled() == null || r.actionsEnabled(), r.alarmActions(), r.okActions(), r.insufficientDataActions(),
                existing.map(e -> e.value().state()).orElse(Alarm.INSUFFICIENT_DATA),
                existing.map(e -> e.value().stateReason()).orElse("Unchecked: Initial alarm creation"),
                existing.map(e -> e.value().stateReasonData()).orElse(""),
                existing.map(e -> e.value().stateUpdated()).orElse(now), now, tags, queries);
        String summary = existing.isPresent() ? "Alarm \"" + alarm.name() + "\" updated" : "Alarm \"" + alarm.name() + "\" created";
        records.save(alarm, existing.map(Versioned::version).orElse(Store.ABSENT),
                List.of(history(alarm, now, "ConfigurationUpdate", summary, "")));
        wakeEvaluator.run();
        return PutMetricAlarmResponse.builder().build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    AlarmHistoryItem history(Alarm alarm, Instant at, String type, String summary, String data) {
        return new AlarmHistoryItem(alarm.accountId(), alarm.region(), alarm.name(), alarm.arn(), at, type, summary, data,
                records.nextSequence());
    }

    DescribeAlarmsResponse describe(DescribeAlarmsRequest r, RequestContext ctx) {
        if (r.hasAlarmNames() && !r.alarmNames().isEmpty() && r.alarmNamePrefix() != null) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception(
                    "AlarmNames and AlarmNamePrefix are mutually exclusive parameters.");
        }
        if (r.childrenOfAlarmName() != null || r.parentsOfAlarmName() != null) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception("berth has no composite alarms.");
        }
        boolean metricAlarms = !r.hasAlarmTypes() || r.alarmTypes().isEmpty() || r.alarmTypes().contains(AlarmType.METRIC_ALARM);
        List<Alarm> alarms = !metricAlarms ? List.of() : records.list(ctx.scope()).stream()
                .filter(a -> !r.hasAlarmNames() || r.alarmNames().isEmpty() || r.alarmNames().contains(a.name()))
                .filter(a -> r.alarmNamePrefix() == null || a.name().startsWith(r.alarmNamePrefix()))
                .filter(a -> r.stateValue() == null || a.state().equals(r.stateValueAsString()))
                .filter(a -> r.actionPrefix() == null || a.alarmActions().stream().anyMatch(x -> x.startsWith(r.actionPrefix()))
                        || a.okActions().stream().anyMatch(x -> x.startsWith(r.actionPrefix()))
                        || a.insufficientDataActions().stream().anyMatch(x -> x.startsWith(r.actionPrefix())))
                .sorted(Comparator.comparing(Alarm::name)).toList();
        Page<Alarm> page = page(alarms, r.nextToken(), r.maxRecords(), Alarm::name);
        DescribeAlarmsResponse.Builder b = DescribeAlarmsResponse.builder()
                .metricAlarms(page.items().stream().map(AlarmApi::toSdk).toList());
        if (r.hasAlarmTypes() && r.alarmTypes().contains(AlarmType.COMPOSITE_ALARM)) {
            b.compositeAlarms(List.of());
        }
        page.nextToken().ifPresent(b::nextToken);
        return b.build();
    }

    private static <T> Page<T> page(List<T> items, String token, Integer max, java.util.function.Function<T, String> key) {
        if (max != null && (max < 1 || max > 100)) {
            throw CloudWatchErrors.invalid("MaxRecords", max);
        }
        try {
            return Page.of(items, token, max, 50, 100, key);
        } catch (AwsValidationException e) {
            throw CloudWatchErrors.INVALID_NEXT_TOKEN.exception("The service cannot complete the request: invalid NextToken.");
        }
    }

    DescribeAlarmsForMetricResponse forMetric(DescribeAlarmsForMetricRequest r, RequestContext ctx) {
        Map<String, String> dims = Dimensions.of(r.dimensions(), "Dimensions");
        List<MetricAlarm> alarms = records.list(ctx.scope()).stream()
                .filter(a -> AlarmMetrics.watched(a).stream().anyMatch(q -> q.namespace().equals(r.namespace())
                        && q.metricName().equals(r.metricName())
                        && (!r.hasDimensions() || q.dimensions().equals(dims))
                        && (r.statistic() == null || q.stat().equals(r.statisticAsString()))
                        && (r.extendedStatistic() == null || q.stat().equals(r.extendedStatistic()))
                        && (r.period() == null || q.period() == r.period())
                        && (r.unit() == null || q.unit().equals(r.unitAsString()))))
                .map(AlarmApi::toSdk).toList();
        return DescribeAlarmsForMetricResponse.builder().metricAlarms(alarms).build();
    }

    DeleteAlarmsResponse delete(DeleteAlarmsRequest r, RequestContext ctx) {
        List<Versioned<Alarm>> found = new ArrayList<>();
        for (String name : r.alarmNames()) {
            found.add(records.find(ctx.scope(), name).orElseThrow(() -> CloudWatchErrors.RESOURCE_NOT_FOUND.exception(
                    "1 validation error detected: Value '[" + name + "]' at 'alarmNames' failed to satisfy constraint:"
                            + " alarm does not exist")));
        }
        found.forEach(a -> records.delete(a.value(), Store.ANY));
        return DeleteAlarmsResponse.builder().build();
    }

    SetAlarmStateResponse setState(SetAlarmStateRequest r, RequestContext ctx) {
        Versioned<Alarm> found = records.find(ctx.scope(), r.alarmName())
                .orElseThrow(() -> CloudWatchErrors.RESOURCE_NOT_FOUND.exception("Alarm " + r.alarmName() + " not found"));
        String data = r.stateReasonData() == null ? "" : r.stateReasonData();
        if (!data.isEmpty()) {
            try {
                berth.platform.RecordJson.standardMapper().readTree(data);
            } catch (java.io.IOException e) {
                throw CloudWatchErrors.INVALID_FORMAT.exception("The value of StateReasonData must be valid JSON.");
            }
        }
        Instant now = clock.instant();
        Alarm alarm = found.value();
        Alarm changed = alarm.withState(r.stateValueAsString(), r.stateReason(), data, now);
        List<AlarmHistoryItem> items = alarm.state().equals(changed.state()) ? List.of()
                : List.of(history(alarm, now, "StateUpdate", "Alarm updated from " + alarm.state() + " to " + changed.state(),
                stateData(alarm, changed)));
        records.save(changed, found.version(), items);
        return SetAlarmStateResponse.builder().build();
    }

    static String stateData(Alarm before, Alarm after) {
        return "{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"" + before.state() + "\",\"stateReason\":"
                + quote(before.stateReason()) + "},\"newState\":{\"stateValue\":\"" + after.state() + "\",\"stateReason\":"
                + quote(after.stateReason()) + "}}";
    }

    private static String quote(String s) {
        return berth.platform.RecordJson.standardMapper().getNodeFactory().textNode(s).toString();
    }

    EnableAlarmActionsResponse enable(EnableAlarmActionsRequest r, RequestContext ctx) {
        setActions(r.alarmNames(), true, ctx);
        return EnableAlarmActionsResponse.builder().build();
    }

    DisableAlarmActionsResponse disable(DisableAlarmActionsRequest r, RequestContext ctx) {
        setActions(r.alarmNames(), false, ctx);
        return DisableAlarmActionsResponse.builder().build();
    }

    private void setActions(List<String> names, boolean enabled, RequestContext ctx) {
        Instant now = clock.instant();
        for (String name : names) {
            records.find(ctx.scope(), name).ifPresent(found -> records.save(found.value().withActionsEnabled(enabled, now),
                    found.version(), List.of(history(found.value(), now, "ConfigurationUpdate",
                            "Alarm \"" + name + "\" updated", ""))));
        }
    }

    DescribeAlarmHistoryResponse history(DescribeAlarmHistoryRequest r, RequestContext ctx) {
        if (r.hasAlarmTypes() && !r.alarmTypes().isEmpty() && !r.alarmTypes().contains(AlarmType.METRIC_ALARM)) {
            return DescribeAlarmHistoryResponse.builder().alarmHistoryItems(List.of()).build();
        }
        List<AlarmHistoryItem> items = new ArrayList<>(records.history(ctx.scope(), r.alarmName() == null ? "" : r.alarmName())
                .stream().map(k -> k.value())
                .filter(i -> r.alarmName() == null || i.alarmName().equals(r.alarmName()))
                .filter(i -> r.historyItemType() == null || i.type().equals(r.historyItemTypeAsString()))
                .filter(i -> r.startDate() == null || !i.timestamp().isBefore(r.startDate()))
                .filter(i -> r.endDate() == null || !i.timestamp().isAfter(r.endDate())).toList());
        Comparator<AlarmHistoryItem> order = Comparator.comparingLong(AlarmHistoryItem::sequence);
        items.sort(r.scanBy() == ScanBy.TIMESTAMP_ASCENDING ? order : order.reversed());
        List<AlarmHistoryItem> keyed = items;
        java.util.function.Function<AlarmHistoryItem, String> key = i -> String.format("%06d", keyed.indexOf(i));
        Page<AlarmHistoryItem> page = page(items, r.nextToken(), r.maxRecords(), key);
        DescribeAlarmHistoryResponse.Builder b = DescribeAlarmHistoryResponse.builder().alarmHistoryItems(page.items().stream()
                .map(i -> software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem.builder().alarmName(i.alarmName())
                        .alarmType(AlarmType.METRIC_ALARM).timestamp(i.timestamp()).historyItemType(i.type())
                        .historySummary(i.summary()).historyData(i.data()).build()).toList());
        page.nextToken().ifPresent(b::nextToken);
        return b.build();
    }

    TagResourceResponse tag(TagResourceRequest r, RequestContext ctx) {
        Versioned<Alarm> found = byArn(r.resourceARN(), ctx);
        Map<String, String> tags = new LinkedHashMap<>(found.value().tags());
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        if (tags.size() > 50) {
            throw CloudWatchErrors.LIMIT_EXCEEDED.exception("The maximum number of tags (50) was exceeded.");
        }
        records.save(found.value().withTags(tags), found.version(), List.of());
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest r, RequestContext ctx) {
        Versioned<Alarm> found = byArn(r.resourceARN(), ctx);
        Map<String, String> tags = new LinkedHashMap<>(found.value().tags());
        r.tagKeys().forEach(tags::remove);
        records.save(found.value().withTags(tags), found.version(), List.of());
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse tags(ListTagsForResourceRequest r, RequestContext ctx) {
        Versioned<Alarm> found = byArn(r.resourceARN(), ctx);
        List<Tag> tags = new ArrayList<>();
        found.value().tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    private Versioned<Alarm> byArn(String arn, RequestContext ctx) {
        String prefix = ctx.scope().arn("cloudwatch", "alarm:");
        if (arn == null || !arn.startsWith(prefix)) {
            throw CloudWatchErrors.RESOURCE_NOT_FOUND_EXCEPTION.exception("The specified resource does not exist.");
        }
        return records.find(ctx.scope(), arn.substring(prefix.length()))
                .orElseThrow(() -> CloudWatchErrors.RESOURCE_NOT_FOUND_EXCEPTION.exception("The specified resource does not exist."));
    }

    static MetricAlarm toSdk(Alarm a) {
        MetricAlarm.Builder b = MetricAlarm.builder().alarmName(a.name()).alarmArn(a.arn()).alarmDescription(
                        a.description().isEmpty() ? null : a.description())
                .alarmConfigurationUpdatedTimestamp(a.configurationUpdated()).actionsEnabled(a.actionsEnabled())
                .okActions(a.okActions()).alarmActions(a.alarmActions()).insufficientDataActions(a.insufficientDataActions())
                .stateValue(a.state()).stateReason(a.stateReason())
                .stateReasonData(a.stateReasonData().isEmpty() ? null : a.stateReasonData())
                .stateUpdatedTimestamp(a.stateUpdated()).stateTransitionedTimestamp(a.stateUpdated())
                .evaluationPeriods(a.evaluationPeriods())
                .datapointsToAlarm(a.datapointsToAlarm()).threshold(a.threshold())
                .comparisonOperator(a.comparisonOperator()).treatMissingData(a.treatMissingData());
        if (a.onMetricMath()) {
            return b.metrics(AlarmMetrics.toSdk(a.metrics())).build();
        }
        b.metricName(a.metricName()).namespace(a.namespace())
                .dimensions(Dimensions.toSdk(a.dimensions())).period(a.period());
        if (Statistic.parse(a.statistic()).orElse(null) instanceof Statistic.Standard) {
            b.statistic(a.statistic());
        } else {
            b.extendedStatistic(a.statistic());
        }
        if (!a.unit().isEmpty()) {
            b.unit(a.unit());
        }
        return b.build();
    }
}
