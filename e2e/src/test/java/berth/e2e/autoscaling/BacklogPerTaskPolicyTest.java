package berth.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import berth.junit5.BerthTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The backlog-per-task pattern through the SDK: a CloudWatch alarm on metric math (m1/m2) and a
 * target tracking policy on the same customized metric, described back with their queries; bad
 * metric lists refused with CloudWatch's and Application Auto Scaling's codes, nothing stored.
 */
@BerthTest
class BacklogPerTaskPolicyTest {
    private final CloudWatchClient cloudwatch;
    private final ApplicationAutoScalingClient scaling;
    private final EcsClient ecs;

    BacklogPerTaskPolicyTest(CloudWatchClient cloudwatch, ApplicationAutoScalingClient scaling, EcsClient ecs) {
        this.cloudwatch = cloudwatch;
        this.scaling = scaling;
        this.ecs = ecs;
    }

    private static List<MetricDataQuery> backlog(boolean bothReturn) {
        return List.of(MetricDataQuery.builder().id("m1").returnData(bothReturn).metricStat(s -> s.period(60).stat("Sum")
                        .metric(m -> m.namespace("AWS/SQS").metricName("ApproximateNumberOfMessagesVisible")
                                .dimensions(d -> d.name("QueueName").value("jobs")))).build(),
                MetricDataQuery.builder().id("m2").returnData(false).metricStat(s -> s.period(60).stat("Average")
                        .metric(m -> m.namespace("ECS/ContainerInsights").metricName("RunningTaskCount")
                                .dimensions(d -> d.name("ClusterName").value("default"),
                                        d -> d.name("ServiceName").value("worker")))).build(),
                MetricDataQuery.builder().id("e1").expression("m1 / m2").label("Backlog per task").returnData(true).build());
    }

    @Test
    void anAlarmOnMetricMathIsStoredDescribedAndListedForEachMetric() {
        cloudwatch.putMetricAlarm(r -> r.alarmName("backlog").metrics(backlog(false)).threshold(10.0).evaluationPeriods(1)
                .comparisonOperator("GreaterThanThreshold"));
        MetricAlarm alarm = cloudwatch.describeAlarms(r -> r.alarmNames("backlog")).metricAlarms().get(0);
        assertThat(alarm.metricName()).isNull();
        assertThat(alarm.metrics()).extracting(MetricDataQuery::id).containsExactly("m1", "m2", "e1");
        assertThat(alarm.metrics().get(2).expression()).isEqualTo("m1 / m2");
        assertThat(alarm.metrics().get(1).metricStat().metric().metricName()).isEqualTo("RunningTaskCount");
        assertThat(cloudwatch.describeAlarmsForMetric(r -> r.namespace("ECS/ContainerInsights").metricName("RunningTaskCount"))
                .metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("backlog");

        AwsServiceException two = assertThrows(AwsServiceException.class, () -> cloudwatch.putMetricAlarm(r -> r
                .alarmName("bad").metrics(backlog(true)).threshold(1.0).evaluationPeriods(1)
                .comparisonOperator("GreaterThanThreshold")));
        assertThat(two.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(two.awsErrorDetails().errorMessage()).isEqualTo("Exactly one element of the metrics list should return data.");
        AwsServiceException beside = assertThrows(AwsServiceException.class, () -> cloudwatch.putMetricAlarm(r -> r
                .alarmName("bad").metrics(backlog(false)).statistic("Sum").threshold(1.0).evaluationPeriods(1)
                .comparisonOperator("GreaterThanThreshold")));
        assertThat(beside.awsErrorDetails().errorMessage()).isEqualTo("Statistic should not be set if list of Metrics is set.");
        assertThat(beside.statusCode()).isEqualTo(400);
        assertThat(cloudwatch.describeAlarms(r -> r.alarmNames("bad")).metricAlarms()).isEmpty();
    }

    @Test
    void aTargetTrackingPolicyOnBacklogPerTaskOwnsMetricMathAlarms() {
        String definition = ecs.registerTaskDefinition(r -> r.family("worker").containerDefinitions(ContainerDefinition
                .builder().name("app").image("busybox").memory(16).build())).taskDefinition().taskDefinitionArn();
        ecs.createCluster(r -> r.clusterName("default"));
        ecs.createService(r -> r.cluster("default").serviceName("worker").taskDefinition(definition).desiredCount(0));
        String resource = "service/default/worker";
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(3));
        List<TargetTrackingMetricDataQuery> queries = List.of(
                TargetTrackingMetricDataQuery.builder().id("m1").returnData(false).metricStat(s -> s.stat("Sum")
                        .metric(m -> m.namespace("AWS/SQS").metricName("ApproximateNumberOfMessagesVisible")
                                .dimensions(d -> d.name("QueueName").value("jobs")))).build(),
                TargetTrackingMetricDataQuery.builder().id("m2").returnData(false).metricStat(s -> s.stat("Average")
                        .metric(m -> m.namespace("ECS/ContainerInsights").metricName("RunningTaskCount")
                                .dimensions(d -> d.name("ClusterName").value("default"),
                                        d -> d.name("ServiceName").value("worker")))).build(),
                TargetTrackingMetricDataQuery.builder().id("e1").expression("m1 / m2").returnData(true).build());
        var policy = scaling.putScalingPolicy(r -> r.policyName("backlog").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resource).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                        .targetValue(5.0).customizedMetricSpecification(m -> m.metrics(queries))));
        assertThat(policy.alarms()).hasSize(2);
        var described = scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resource))
                .scalingPolicies().get(0).targetTrackingScalingPolicyConfiguration().customizedMetricSpecification();
        assertThat(described.metrics()).extracting(TargetTrackingMetricDataQuery::id).containsExactly("m1", "m2", "e1");
        assertThat(described.metricName()).isNull();
        MetricAlarm high = cloudwatch.describeAlarms(r -> r.alarmNames(policy.alarms().get(0).alarmName()))
                .metricAlarms().get(0);
        assertThat(high.metrics()).extracting(MetricDataQuery::id).containsExactly("m1", "m2", "e1");
        assertThat(high.metrics().get(0).metricStat().period()).isEqualTo(60);
        assertThat(high.threshold()).isEqualTo(5.0);

        for (CustomizedMetricSpecification bad : List.of(
                CustomizedMetricSpecification.builder().metrics(queries).metricName("x").build(),
                CustomizedMetricSpecification.builder().metrics(queries.get(0), queries.get(1)).build(),
                CustomizedMetricSpecification.builder().metrics(queries.get(0), queries.get(1),
                        TargetTrackingMetricDataQuery.builder().id("e1").expression("m1 / m9").build()).build())) {
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> scaling.putScalingPolicy(r -> r
                    .policyName("bad").serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                            .targetValue(5.0).customizedMetricSpecification(bad))));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.statusCode()).isEqualTo(400);
        }
        assertThat(scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resource))
                .scalingPolicies()).hasSize(1);
    }
}
