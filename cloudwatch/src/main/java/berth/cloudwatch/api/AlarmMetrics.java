package berth.cloudwatch.api;

import berth.aws.RequestContext;
import berth.cloudwatch.core.Alarm;
import berth.cloudwatch.core.AlarmQueries;
import berth.cloudwatch.core.AlarmQuery;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** PutMetricAlarm's {@code Metrics} (an alarm on metric math) to and from the alarm's queries. */
final class AlarmMetrics {
    private AlarmMetrics() {}

    /** The queries of a PutMetricAlarm, checked as CloudWatch checks them; empty for an alarm on one metric. */
    static List<AlarmQuery> queries(PutMetricAlarmRequest r, RequestContext ctx) {
        if (!r.hasMetrics() || r.metrics().isEmpty()) {
            return List.of();
        }
        // CloudWatch names the first of these it finds beside a metrics list
        List<String> alongside = new ArrayList<>();
        if (r.metricName() != null) alongside.add("MetricName");
        if (r.namespace() != null) alongside.add("Namespace");
        if (r.hasDimensions() && !r.dimensions().isEmpty()) alongside.add("Dimensions");
        if (r.period() != null) alongside.add("Period");
        if (r.unit() != null) alongside.add("Unit");
        if (r.statistic() != null) alongside.add("Statistic");
        if (r.extendedStatistic() != null) alongside.add("ExtendedStatistic");
        if (!alongside.isEmpty()) {
            throw CloudWatchErrors.VALIDATION.exception(alongside.get(0) + " should not be set if list of Metrics is set.");
        }
        List<AlarmQuery> queries = new ArrayList<>();
        int n = 0;
        for (MetricDataQuery q : r.metrics()) {
            n++;
            if (q.accountId() != null && !q.accountId().equals(ctx.accountId())) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("berth keeps no cross-account metrics: "
                        + "Metrics.member." + n + ".AccountId must be " + ctx.accountId() + ".");
            }
            if ((q.metricStat() == null) == (q.expression() == null || q.expression().isBlank())) {
                throw CloudWatchErrors.VALIDATION.exception("Invalid metrics list: exactly one of MetricStat and Expression"
                        + " must be given in Metrics.member." + n + ".");
            }
            boolean returnData = q.returnData() == null || q.returnData();
            String label = q.label() == null ? "" : q.label();
            int period = q.period() == null ? 0 : q.period();
            MetricStat s = q.metricStat();
            if (s == null) {
                queries.add(AlarmQuery.expression(q.id(), q.expression(), label, period, returnData));
                continue;
            }
            if (q.period() != null) {
                throw CloudWatchErrors.VALIDATION.exception("Invalid metrics list: Metrics.member." + n
                        + ".Period is for expressions; a metric's period is its MetricStat.Period.");
            }
            Metric m = s.metric();
            queries.add(new AlarmQuery(q.id(), "", label, m == null || m.namespace() == null ? "" : m.namespace(),
                    m == null || m.metricName() == null ? "" : m.metricName(),
                    m == null ? java.util.Map.of() : Dimensions.of(m.dimensions(), "Metrics.member." + n + ".MetricStat.Metric.Dimensions"),
                    s.stat() == null ? "" : s.stat(), s.unitAsString() == null ? "" : s.unitAsString(),
                    s.period() == null ? 0 : s.period(), returnData));
        }
        AlarmQueries.problem(queries).ifPresent(problem -> {
            throw CloudWatchErrors.VALIDATION.exception(problem);
        });
        return queries;
    }

    /** The metrics an alarm watches, each as a query (one for an alarm on one metric). */
    static List<AlarmQuery> watched(Alarm a) {
        if (a.onMetricMath()) {
            return a.metrics().stream().filter(q -> !q.hasExpression()).toList();
        }
        return List.of(AlarmQuery.metric("m1", "", a.metric(), a.statistic(), a.unit(), a.period(), true));
    }

    static List<MetricDataQuery> toSdk(List<AlarmQuery> queries) {
        return queries.stream().map(q -> {
            MetricDataQuery.Builder b = MetricDataQuery.builder().id(q.id()).returnData(q.returnData())
                    .label(q.label().isEmpty() ? null : q.label());
            if (q.hasExpression()) {
                return b.expression(q.expression()).period(q.period() == 0 ? null : q.period()).build();
            }
            return b.metricStat(MetricStat.builder().metric(Metric.builder().namespace(q.namespace()).metricName(q.metricName())
                            .dimensions(Dimensions.toSdk(q.dimensions())).build()).period(q.period()).stat(q.stat())
                    .unit(q.unit().isEmpty() ? null : q.unit()).build()).build();
        }).toList();
    }
}
