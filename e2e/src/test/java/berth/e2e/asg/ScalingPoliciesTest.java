package berth.e2e.asg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.junit5.Berth;
import berth.junit5.BerthTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * EC2 Auto Scaling policies on CloudWatch alarms, through the SDK and the aws CLI: a step policy
 * scales a group out while an alarm on a custom metric (put with PutMetricData) is in ALARM and
 * another scales it back in when the metric falls; a target tracking policy owns two alarms named as
 * AWS names them, which DescribePolicies lists and DeletePolicy removes.
 */
@BerthTest
class ScalingPoliciesTest {
    private final Berth berth;
    private final AutoScalingClient asg;
    private final CloudWatchClient cloudwatch;

    ScalingPoliciesTest(Berth berth, AutoScalingClient asg, CloudWatchClient cloudwatch, Ec2Client ec2, SsmClient ssm) {
        this.berth = berth;
        this.asg = asg;
        this.cloudwatch = cloudwatch;
        if (!asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("burst")).autoScalingGroups().isEmpty()) {
            return;
        }
        String ami = ssm.getParameter(r -> r.name("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id"))
                .parameter().value();
        ec2.createLaunchTemplate(r -> r.launchTemplateName("burst").launchTemplateData(d -> d.imageId(ami)
                .instanceType("t3.micro")));
        String subnet = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
                .subnets().get(0).subnetId();
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("burst").minSize(0).maxSize(1).desiredCapacity(0)
                .defaultCooldown(0).launchTemplate(t -> t.launchTemplateName("burst")).vpcZoneIdentifier(subnet));
    }

    @Test
    void stepPoliciesScaleOutOnACustomMetricAndBackIn() throws Exception {
        String out = asg.putScalingPolicy(r -> r.autoScalingGroupName("burst").policyName("out").policyType("StepScaling")
                .adjustmentType("ChangeInCapacity").estimatedInstanceWarmup(0)
                .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(1))).policyARN();
        AwsCli cli = AwsCli.installed().get(0);
        AwsCli.Result in = cli.run(berth.endpoint(), "test", "test", "autoscaling", "put-scaling-policy",
                "--auto-scaling-group-name", "burst", "--policy-name", "in", "--policy-type", "StepScaling",
                "--adjustment-type", "ChangeInCapacity", "--step-adjustments", "MetricIntervalUpperBound=0,ScalingAdjustment=-1",
                "--query", "PolicyARN", "--output", "text");
        assertThat(in.exitCode()).as(in.stderr()).isZero();
        String inArn = in.stdout().strip();
        assertThatThrownBy(() -> asg.putScalingPolicy(r -> r.autoScalingGroupName("burst").policyName("bad")
                .policyType("StepScaling").adjustmentType("ChangeInCapacity").scalingAdjustment(1)
                .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(1))))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                });
        cloudwatch.putMetricAlarm(r -> r.alarmName("queue-high").namespace("Shop").metricName("Backlog")
                .statistic(Statistic.AVERAGE).period(10).evaluationPeriods(1).threshold(50.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(out));
        // the period in which the backlog falls already alarms on its minimum
        cloudwatch.putMetricAlarm(r -> r.alarmName("queue-low").namespace("Shop").metricName("Backlog")
                .statistic(Statistic.MINIMUM).period(10).evaluationPeriods(1).threshold(10.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD).alarmActions(inArn));

        AtomicReference<Double> backlog = new AtomicReference<>(80.0);
        ScheduledExecutorService putter = Executors.newSingleThreadScheduledExecutor();
        putter.scheduleAtFixedRate(() -> cloudwatch.putMetricData(r -> r.namespace("Shop").metricData(d -> d
                .metricName("Backlog").value(backlog.get()).unit(StandardUnit.COUNT).storageResolution(1)
                .timestamp(Instant.now()))), 0, 1, TimeUnit.SECONDS);
        try {
            awaitDesired(1, "scale out");
            assertThat(policy("out").alarms()).singleElement().satisfies(a -> assertThat(a.alarmName()).isEqualTo("queue-high"));
            assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("burst")).activities())
                    .anyMatch(a -> a.cause().contains("a monitor alarm queue-high in state ALARM triggered policy out"
                            + " changing the desired capacity from 0 to 1"));
            backlog.set(2.0);
            awaitDesired(0, "scale back in");
            assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("burst")).activities())
                    .anyMatch(a -> a.cause().contains("a monitor alarm queue-low in state ALARM triggered policy in"));
        } finally {
            putter.shutdownNow();
        }
    }

    @Test
    void aTargetTrackingPolicyOwnsItsAlarms() {
        var put = asg.putScalingPolicy(r -> r.autoScalingGroupName("burst").policyName("track")
                .policyType("TargetTrackingScaling").targetTrackingConfiguration(c -> c.targetValue(40.0)
                        .customizedMetricSpecification(m -> m.namespace("Shop").metricName("Backlog").statistic("Average"))));
        assertThat(put.alarms()).hasSize(2).allSatisfy(a -> assertThat(a.alarmName())
                .matches("TargetTracking-burst-Alarm(High|Low)-[0-9a-f-]{36}"));
        List<MetricAlarm> owned = cloudwatch.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-burst-")).metricAlarms();
        assertThat(owned).hasSize(2).allSatisfy(a -> {
            assertThat(a.alarmActions()).containsExactly(put.policyARN());
            assertThat(a.namespace()).isEqualTo("Shop");
        });
        assertThat(owned).anySatisfy(a -> assertThat(a.threshold()).isEqualTo(40.0))
                .anySatisfy(a -> assertThat(a.threshold()).isEqualTo(36.0));
        ScalingPolicy described = policy("track");
        assertThat(described.alarms()).hasSize(2);
        assertThat(described.targetTrackingConfiguration().customizedMetricSpecification().metricName()).isEqualTo("Backlog");
        assertThatThrownBy(() -> asg.putScalingPolicy(r -> r.autoScalingGroupName("burst").policyName("net")
                .policyType("TargetTrackingScaling").targetTrackingConfiguration(c -> c.targetValue(40.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET)))))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"));

        asg.deletePolicy(r -> r.autoScalingGroupName("burst").policyName("track"));
        assertThat(cloudwatch.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-burst-")).metricAlarms()).isEmpty();
    }

    private ScalingPolicy policy(String name) {
        return asg.describePolicies(r -> r.autoScalingGroupName("burst").policyNames(name)).scalingPolicies().get(0);
    }

    private void awaitDesired(int desired, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        while (true) {
            int now = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("burst")).autoScalingGroups().get(0)
                    .desiredCapacity();
            if (now == desired) return;
            if (Instant.now().isAfter(deadline)) throw new AssertionError("the group did not " + what + ": desired " + now);
            Thread.sleep(200);
        }
    }
}
