package berth.cloudwatch.api;

import berth.aws.RequestContext;
import berth.cloudwatch.core.MetricId;
import berth.cloudwatch.core.QueryGraph;
import berth.cloudwatch.core.MetricMath;
import berth.cloudwatch.core.PeriodSeries;
import berth.cloudwatch.core.Statistic;
import berth.cloudwatch.state.MetricRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** GetMetricData: metric queries and metric math over them, in one answer. */
final class MetricDataApi {
    private final MetricRecords records;
    private final Clock clock;

    MetricDataApi(MetricRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    GetMetricDataResponse get(GetMetricDataRequest r, RequestContext ctx) {
        if (!r.startTime().isBefore(r.endTime())) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("The parameter StartTime must be less than the parameter EndTime.");
        }
        if (r.nextToken() != null && !r.nextToken().isEmpty()) {
            throw CloudWatchErrors.INVALID_NEXT_TOKEN.exception("The service cannot complete the request: invalid NextToken.");
        }
        if (r.labelOptions() != null && r.labelOptions().timezone() != null) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("berth does not format labels: LabelOptions.Timezone is not supported.");
        }
        Instant now = clock.instant();
        Map<String, MetricDataQuery> byId = new HashMap<>();
        for (MetricDataQuery q : r.metricDataQueries()) {
            if (q.id() == null || !q.id().matches("[a-z][a-zA-Z0-9_]*")) {
                throw CloudWatchErrors.VALIDATION.exception("The value " + q.id()
                        + " for parameter MetricDataQueries.member.Id is invalid: it must start with a lowercase letter.");
            }
            if (byId.put(q.id(), q) != null) {
                throw CloudWatchErrors.VALIDATION.exception("The values for parameter id in MetricDataQueries are not unique.");
            }
            if ((q.metricStat() == null) == (q.expression() == null)) {
                throw CloudWatchErrors.VALIDATION.exception("Exactly one of MetricStat and Expression must be given"
                        + " in the query " + q.id() + ".");
            }
            if (q.accountId() != null && !q.accountId().equals(ctx.accountId())) {
                throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("berth keeps no cross-account metrics: AccountId must be "
                        + ctx.accountId() + ".");
            }
        }
        Map<String, String> expressions = new LinkedHashMap<>();
        r.metricDataQueries().forEach(q -> expressions.put(q.id(), q.metricStat() != null ? "" : q.expression()));
        Map<String, MetricMath.Series> results;
        try {
            results = QueryGraph.resolveAll(expressions, id -> {
                MetricDataQuery q = byId.get(id);
                return stat(q.metricStat(), r, ctx, now, q.period());
            });
        } catch (QueryGraph.Cycle e) {
            throw CloudWatchErrors.VALIDATION.exception("Circular dependency in the expression of query " + e.id() + ".");
        } catch (MetricMath.Invalid e) {
            throw CloudWatchErrors.VALIDATION.exception(e.getMessage());
        }
        boolean descending = r.scanBy() != ScanBy.TIMESTAMP_ASCENDING;
        int max = r.maxDatapoints() == null ? 100_800 : r.maxDatapoints();
        List<MetricDataResult> out = new ArrayList<>();
        for (MetricDataQuery q : r.metricDataQueries()) {
            if (Boolean.FALSE.equals(q.returnData())) {
                continue;
            }
            var points = descending ? results.get(q.id()).points().descendingMap() : results.get(q.id()).points();
            List<Instant> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            points.forEach((t, v) -> {
                if (times.size() < max) {
                    times.add(t);
                    values.add(v);
                }
            });
            String label = q.label() != null ? q.label()
                    : q.metricStat() != null ? q.metricStat().metric().metricName() : q.id();
            out.add(MetricDataResult.builder().id(q.id()).label(label).timestamps(times).values(values)
                    .statusCode(StatusCode.COMPLETE).build());
        }
        return GetMetricDataResponse.builder().metricDataResults(out).messages(List.of()).build();
    }

    private MetricMath.Series stat(MetricStat s, GetMetricDataRequest r, RequestContext ctx, Instant now, Integer period) {
        if (s.metric() == null || s.stat() == null || s.period() == null) {
            throw CloudWatchErrors.MISSING_PARAMETER.exception("MetricStat requires Metric, Period and Stat.");
        }
        MetricApi.checkPeriod(s.period(), r.startTime(), now, "MetricStat.Period");
        Statistic statistic = Statistic.parse(s.stat())
                .orElseThrow(() -> CloudWatchErrors.invalid("MetricStat.Stat", s.stat()));
        MetricId metric = new MetricId(s.metric().namespace(), s.metric().metricName(),
                Dimensions.of(s.metric().dimensions(), "MetricStat.Metric.Dimensions"));
        var observations = records.observations(ctx.scope(), metric, r.startTime(), r.endTime()).stream()
                .filter(o -> s.unit() == null || o.unit().equals(s.unitAsString())).toList();
        TreeMap<Instant, Double> points = new TreeMap<>();
        PeriodSeries.points(observations, r.startTime(), r.endTime(), s.period(), statistic)
                .forEach(p -> points.put(p.start(), p.value()));
        return new MetricMath.Series(points);
    }
}
