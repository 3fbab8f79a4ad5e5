package berth.cloudwatch.api;

import berth.aws.AwsValidationException;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.cloudwatch.core.MetricId;
import berth.cloudwatch.core.Observation;
import berth.cloudwatch.core.PeriodSeries;
import berth.cloudwatch.core.Statistic;
import berth.cloudwatch.state.MetricRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/** PutMetricData, GetMetricStatistics and ListMetrics. */
final class MetricApi {
    /** How far back and ahead of now PutMetricData accepts timestamps. */
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    /** High-resolution data is kept at its own resolution this long, then as one-minute data. */
    static final Duration HIGH_RESOLUTION_RETENTION = Duration.ofHours(3);

    private final MetricRecords records;
    private final Clock clock;

    MetricApi(MetricRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    PutMetricDataResponse put(PutMetricDataRequest r, RequestContext ctx) {
        String namespace = r.namespace();
        if (namespace.startsWith("AWS/")) {
            throw CloudWatchErrors.invalid("Namespace", namespace);
        }
        if (r.hasEntityMetricData() && !r.entityMetricData().isEmpty()) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception(
                    "berth does not associate metrics with entities: EntityMetricData is not supported.");
        }
        if (!r.hasMetricData() || r.metricData().isEmpty()) {
            throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter MetricData is required.");
        }
        Instant now = clock.instant();
        List<MetricRecords.Put> puts = new ArrayList<>();
        for (int i = 0; i < r.metricData().size(); i++) {
            MetricDatum d = r.metricData().get(i);
            String at = "MetricData.member." + (i + 1);
            puts.add(new MetricRecords.Put(new MetricId(namespace, d.metricName(), Dimensions.of(d.dimensions(), at + ".Dimensions")),
                    observation(d, at, now)));
        }
        put(ctx.scope(), puts, now);
        return PutMetricDataResponse.builder().build();
    }

    /** Records observations berth measured itself (any namespace, AWS/ included). */
    void put(Scope scope, List<MetricRecords.Put> puts, Instant now) {
        records.put(scope, puts, now);
    }

    private static Observation observation(MetricDatum d, String at, Instant now) {
        if (d.metricName() == null || d.metricName().isEmpty()) {
            throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter " + at + ".MetricName is required.");
        }
        Instant timestamp = d.timestamp() == null ? now : d.timestamp();
        if (timestamp.isBefore(now.minus(MAX_AGE)) || timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("The parameter " + at
                    + ".Timestamp must specify a time no more than two weeks in the past or two hours in the future.");
        }
        int resolution = d.storageResolution() == null ? 60 : d.storageResolution();
        if (resolution != 1 && resolution != 60) {
            throw CloudWatchErrors.invalid(at + ".StorageResolution", resolution);
        }
        String unit = d.unitAsString() == null ? "None" : d.unitAsString();
        int given = (d.value() != null ? 1 : 0) + (d.statisticValues() != null ? 1 : 0) + (d.hasValues() ? 1 : 0);
        if (given == 0) {
            throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter " + at
                    + ".Value, " + at + ".StatisticValues or " + at + ".Values is required.");
        }
        if (given > 1) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception("The parameters " + at + ".Value, " + at
                    + ".StatisticValues and " + at + ".Values are mutually exclusive and you have specified more than one.");
        }
        if (d.value() != null) {
            finite(d.value(), at + ".Value");
            return Observation.of(timestamp, d.value(), unit, resolution);
        }
        if (d.statisticValues() != null) {
            StatisticSet s = d.statisticValues();
            if (s.sampleCount() == null || s.sum() == null || s.minimum() == null || s.maximum() == null) {
                throw CloudWatchErrors.MISSING_PARAMETER.exception("The parameter " + at
                        + ".StatisticValues requires SampleCount, Sum, Minimum and Maximum.");
            }
            if (s.sampleCount() <= 0 || s.minimum() > s.maximum()) {
                throw CloudWatchErrors.invalid(at + ".StatisticValues", s);
            }
            return new Observation(timestamp, s.sampleCount(), s.sum(), s.minimum(), s.maximum(), unit, resolution,
                    List.of(), List.of());
        }
        List<Double> values = d.values();
        List<Double> counts = d.hasCounts() ? d.counts() : List.of();
        if (values.isEmpty() || values.size() > 150) {
            throw CloudWatchErrors.invalid(at + ".Values", values.size() + " values");
        }
        if (!counts.isEmpty() && counts.size() != values.size()) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("The parameters " + at + ".Values and " + at
                    + ".Counts must be of the same size.");
        }
        values.forEach(v -> finite(v, at + ".Values"));
        counts.forEach(c -> {
            if (c < 0) throw CloudWatchErrors.invalid(at + ".Counts", c);
        });
        return Observation.ofValues(timestamp, values, counts, unit, resolution);
    }

    private static void finite(double v, String parameter) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > 1e108 || (v != 0 && Math.abs(v) < 1e-130)) {
            throw CloudWatchErrors.invalid(parameter, v);
        }
    }

    GetMetricStatisticsResponse statistics(GetMetricStatisticsRequest r, RequestContext ctx) {
        int period = r.period();
        Instant now = clock.instant();
        checkPeriod(period, r.startTime(), now, "Period");
        if (!r.startTime().isBefore(r.endTime())) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("The parameter StartTime must be less than the parameter EndTime.");
        }
        int stats = r.statistics().size() + r.extendedStatistics().size();
        if (stats == 0) {
            throw CloudWatchErrors.MISSING_PARAMETER.exception("Must specify either Statistics or ExtendedStatistics.");
        }
        if (!r.statistics().isEmpty() && !r.extendedStatistics().isEmpty()) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception(
                    "Statistics and ExtendedStatistics are mutually exclusive parameters.");
        }
        Map<String, Statistic> extended = new LinkedHashMap<>();
        for (String name : r.extendedStatistics()) {
            Statistic s = Statistic.parse(name).filter(x -> x instanceof Statistic.Percentile)
                    .orElseThrow(() -> CloudWatchErrors.invalid("ExtendedStatistics", name));
            extended.put(name, s);
        }
        long points = Duration.between(r.startTime(), r.endTime()).getSeconds() / period;
        if (points > 1440) {
            throw CloudWatchErrors.INVALID_PARAMETER_COMBINATION.exception("You have requested up to " + points
                    + " datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing"
                    + " Period, or decreasing the time range.");
        }
        MetricId metric = new MetricId(r.namespace(), r.metricName(), Dimensions.of(r.dimensions(), "Dimensions"));
        List<Observation> observations = records.observations(ctx.scope(), metric, r.startTime(), r.endTime()).stream()
                .filter(o -> r.unit() == null || o.unit().equals(r.unitAsString())).toList();
        Map<Instant, List<Observation>> byPeriod = new java.util.TreeMap<>();
        observations.forEach(o -> byPeriod.computeIfAbsent(PeriodSeries.alignDown(o.timestamp(), period),
                k -> new ArrayList<>()).add(o));
        List<Datapoint> datapoints = new ArrayList<>();
        byPeriod.forEach((start, in) -> {
            Datapoint.Builder b = Datapoint.builder().timestamp(start).unit(in.get(in.size() - 1).unit());
            for (var s : r.statistics()) {
                double v = Statistic.Standard.valueOf(s.toString()).of(in).orElseThrow();
                switch (s) {
                    case SAMPLE_COUNT -> b.sampleCount(v);
                    case AVERAGE -> b.average(v);
                    case SUM -> b.sum(v);
                    case MINIMUM -> b.minimum(v);
                    case MAXIMUM -> b.maximum(v);
                    default -> throw CloudWatchErrors.invalid("Statistics", s);
                }
            }
            if (!extended.isEmpty()) {
                Map<String, Double> values = new LinkedHashMap<>();
                extended.forEach((name, s) -> s.of(in).ifPresent(v -> values.put(name, v)));
                b.extendedStatistics(values);
            }
            datapoints.add(b.build());
        });
        return GetMetricStatisticsResponse.builder().label(r.metricName()).datapoints(datapoints).build();
    }

    /** Periods CloudWatch accepts: 1, 5, 10, 30 or a multiple of 60, and multiples of 60 for data older than 3 hours. */
    static void checkPeriod(int period, Instant start, Instant now, String parameter) {
        boolean highResolution = period == 1 || period == 5 || period == 10 || period == 30;
        if (period <= 0 || (!highResolution && period % 60 != 0)) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("The parameter " + parameter
                    + " must be 1, 5, 10, 30, or a multiple of 60.");
        }
        if (highResolution && start != null && start.isBefore(now.minus(HIGH_RESOLUTION_RETENTION))) {
            throw CloudWatchErrors.INVALID_PARAMETER_VALUE.exception("The parameter " + parameter
                    + " must be a multiple of 60 for data older than 3 hours.");
        }
    }

    ListMetricsResponse list(ListMetricsRequest r, RequestContext ctx) {
        Instant now = clock.instant();
        Map<String, String> filter = Dimensions.filter(r.dimensions());
        List<MetricRecords.MetricEntry> matching = records.metrics(ctx.scope()).stream()
                .filter(m -> r.namespace() == null || m.metric().namespace().equals(r.namespace()))
                .filter(m -> r.metricName() == null || m.metric().name().equals(r.metricName()))
                .filter(m -> m.metric().hasDimensions(filter))
                .filter(m -> r.recentlyActive() == null || m.lastPut().isAfter(now.minus(Duration.ofHours(3))))
                .filter(m -> m.lastPut().isAfter(now.minus(MAX_AGE)))
                .sorted(Comparator.comparing(MetricRecords.MetricEntry::key)).toList();
        Page<MetricRecords.MetricEntry> page;
        try {
            page = Page.of(matching, r.nextToken(), null, 500, 500, MetricRecords.MetricEntry::key);
        } catch (AwsValidationException e) {
            throw CloudWatchErrors.INVALID_NEXT_TOKEN.exception("The service cannot complete the request: invalid NextToken.");
        }
        List<Metric> metrics = page.items().stream().map(m -> Metric.builder().namespace(m.metric().namespace())
                .metricName(m.metric().name()).dimensions(Dimensions.toSdk(m.metric().dimensions())).build()).toList();
        ListMetricsResponse.Builder b = ListMetricsResponse.builder().metrics(metrics);
        page.nextToken().ifPresent(b::nextToken);
        return b.build();
    }
}
