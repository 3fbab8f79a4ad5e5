package berth.autoscaling;

import berth.autoscaling.core.ScalableTarget;
import berth.autoscaling.core.ScalingPolicy;
import berth.cloudwatch.MetricAlarms;
import java.util.List;
import java.util.Map;

/**
 * The two alarms a target tracking policy owns, named and shaped as Application Auto Scaling makes
 * them: {@code TargetTracking-<resourceId>-AlarmHigh-<uuid>} (the metric above the target for
 * {@code highPeriods} periods: scale out) and {@code ...-AlarmLow-<uuid>} (below 90% of it for
 * {@code lowPeriods}: scale in; none when scale-in is disabled). The period is 60 s on AWS; berth's
 * may be shorter by configuration.
 */
public final class TargetTrackingAlarms {
    private final MetricAlarms alarms;
    private final int period;
    private final int highPeriods;
    private final int lowPeriods;

    public TargetTrackingAlarms(MetricAlarms alarms, int period, int highPeriods, int lowPeriods) {
        this.alarms = alarms;
        this.period = period;
        this.highPeriods = highPeriods;
        this.lowPeriods = lowPeriods;
    }

    /** Creates or replaces the policy's alarms, reusing their names; answers the names. */
    List<String> put(ScalableTarget target, String policyArn, ScalingPolicy.TargetTracking tt, List<String> existing) {
        ScalingPolicy.TrackedMetric m = tt.metric();
        return alarms.putTargetTracking(target.scope(), target.resourceId(), policyArn, tt.targetValue(), tt.disableScaleIn(),
                new MetricAlarms.TrackedMetric(m.namespace(), m.metricName(), m.dimensions(), m.statistic(), m.unit(), queries(m)),
                new MetricAlarms.TrackingPeriods(period, highPeriods, lowPeriods), existing);
    }

    /** A customized metric's queries as the alarms' queries, each metric at the alarms' period. */
    public List<MetricAlarms.Query> queries(ScalingPolicy.TrackedMetric m) {
        return m.queries().stream().map(q -> new MetricAlarms.Query(q.id(), q.expression(), q.label(), q.namespace(),
                q.metricName(), q.dimensions(), q.stat(), q.unit(), q.expression().isEmpty() ? period : 0, q.returnData()))
                .toList();
    }

    /** Why CloudWatch would refuse the alarms over a customized metric's queries; empty when it would not. */
    public java.util.Optional<String> problem(ScalingPolicy.TrackedMetric m) {
        return m.queries().isEmpty() ? java.util.Optional.empty() : alarms.problem(queries(m));
    }

    /** The metric a predefined metric type tracks for an ECS service. */
    public static ScalingPolicy.TrackedMetric predefined(String type, String resourceLabel, ScalableTarget target) {
        String[] service = target.ecsService();
        Map<String, String> ecs = Map.of("ClusterName", service[0], "ServiceName", service[1]);
        return switch (type) {
            case "ECSServiceAverageCPUUtilization" ->
                    new ScalingPolicy.TrackedMetric("AWS/ECS", "CPUUtilization", ecs, "Average", "Percent");
            case "ECSServiceAverageMemoryUtilization" ->
                    new ScalingPolicy.TrackedMetric("AWS/ECS", "MemoryUtilization", ecs, "Average", "Percent");
            case "ALBRequestCountPerTarget" -> {
                int at = resourceLabel.indexOf("/targetgroup/");
                if (!resourceLabel.startsWith("app/") || at < 0) {
                    throw new berth.aws.AwsException(400, "ValidationException",
                            "ResourceLabel must be app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>");
                }
                yield new ScalingPolicy.TrackedMetric("AWS/ApplicationELB", "RequestCountPerTarget",
                        Map.of("TargetGroup", resourceLabel.substring(at + 1)), "Sum", "");
            }
            default -> throw new berth.aws.AwsException(400, "ValidationException",
                    "Unsupported predefined metric type " + type + " for ecs:service:DesiredCount");
        };
    }
}
