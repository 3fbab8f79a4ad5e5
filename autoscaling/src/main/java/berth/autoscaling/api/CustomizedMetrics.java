package berth.autoscaling.api;

import berth.autoscaling.core.ScalingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetric;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricStat;

/** A customized metric on metric math ({@code Metrics}) to and from the policy's tracked queries. */
final class CustomizedMetrics {
    private CustomizedMetrics() {}

    static ScalingPolicy.TrackedMetric tracked(CustomizedMetricSpecification m) {
        if (m.metricName() != null || m.namespace() != null || m.statistic() != null || m.unit() != null
                || m.hasDimensions() && !m.dimensions().isEmpty()) {
            throw AutoScalingErrors.VALIDATION.exception("Metrics cannot be specified together with MetricName, Namespace,"
                    + " Dimensions, Statistic or Unit in CustomizedMetricSpecification");
        }
        List<ScalingPolicy.TrackedQuery> queries = new ArrayList<>();
        for (TargetTrackingMetricDataQuery q : m.metrics()) {
            boolean expression = q.expression() != null && !q.expression().isBlank();
            if (expression == (q.metricStat() != null)) {
                throw AutoScalingErrors.VALIDATION.exception("Exactly one of Expression and MetricStat must be specified"
                        + " for metric data query " + q.id());
            }
            boolean returnData = q.returnData() == null || q.returnData();
            String label = q.label() == null ? "" : q.label();
            if (expression) {
                queries.add(new ScalingPolicy.TrackedQuery(q.id(), q.expression(), label, "", "", Map.of(), "", "", returnData));
                continue;
            }
            TargetTrackingMetricStat s = q.metricStat();
            TargetTrackingMetric metric = s.metric();
            if (metric == null || metric.namespace() == null || metric.metricName() == null || s.stat() == null) {
                throw AutoScalingErrors.VALIDATION.exception("MetricStat of metric data query " + q.id()
                        + " requires Metric (with Namespace and MetricName) and Stat");
            }
            Map<String, String> dims = new LinkedHashMap<>();
            metric.dimensions().forEach(d -> dims.put(d.name(), d.value()));
            queries.add(new ScalingPolicy.TrackedQuery(q.id(), "", label, metric.namespace(), metric.metricName(), dims,
                    s.stat(), s.unit() == null ? "" : s.unit(), returnData));
        }
        if (queries.stream().filter(ScalingPolicy.TrackedQuery::returnData).count() != 1) {
            throw AutoScalingErrors.VALIDATION.exception("Exactly one metric data query must have ReturnData set to true");
        }
        return new ScalingPolicy.TrackedMetric("", "", Map.of(), "", "", queries);
    }

    static CustomizedMetricSpecification toSdk(ScalingPolicy.TrackedMetric m) {
        return CustomizedMetricSpecification.builder().metrics(m.queries().stream().map(q -> {
            var b = TargetTrackingMetricDataQuery.builder().id(q.id()).returnData(q.returnData())
                    .label(q.label().isEmpty() ? null : q.label());
            if (!q.expression().isEmpty()) {
                return b.expression(q.expression()).build();
            }
            return b.metricStat(TargetTrackingMetricStat.builder().stat(q.stat()).unit(q.unit().isEmpty() ? null : q.unit())
                    .metric(TargetTrackingMetric.builder().namespace(q.namespace()).metricName(q.metricName())
                            .dimensions(q.dimensions().entrySet().stream().map(e -> TargetTrackingMetricDimension.builder()
                                    .name(e.getKey()).value(e.getValue()).build()).toList()).build()).build()).build();
        }).toList()).build();
    }
}
