package berth.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

/**
 * Load to RUNNING: the time from a metric crossing its alarm's threshold to the task a step scaling
 * policy adds being RUNNING, on a berth at the given endpoint with its default evaluation settings,
 * a high-resolution alarm (period 10 s, one evaluation period) and a busybox task on the local
 * agent. Each round the service is back at one task, the metric below the threshold, then above it.
 *
 * <p>Anchor, measured in the same run: RunTask of the same task definition to RUNNING (what starting
 * a task costs without any scaling). Ratio: scale-out time over RunTask time.
 *
 * <p>Usage: {@code ScaleOutBench ENDPOINT [ROUNDS]} (default 3).
 */
public final class ScaleOutBench {
    private static final String CLUSTER = "default";
    private static final String IMAGE = "berth-test/busybox:latest";

    private ScaleOutBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
             CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             ApplicationAutoScalingClient scaling = ApplicationAutoScalingClient.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                     .build()) {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            awaitInstance(ecs);
            String definition = ecs.registerTaskDefinition(r -> r.family("scale-bench").containerDefinitions(
                    ContainerDefinition.builder().name("app").image(IMAGE).memory(16).stopTimeout(1)
                            .command("sleep", "3600").build())).taskDefinition().taskDefinitionArn();
            double[] runTask = new double[rounds];
            for (int i = 0; i < rounds; i++) runTask[i] = runTaskSeconds(ecs, definition);

            ecs.createService(r -> r.cluster(CLUSTER).serviceName("scale-bench").taskDefinition(definition).desiredCount(1));
            String resource = "service/" + CLUSTER + "/scale-bench";
            scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(2));
            String policy = scaling.putScalingPolicy(r -> r.policyName("out").serviceNamespace(ServiceNamespace.ECS)
                    .resourceId(resource).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyType(PolicyType.STEP_SCALING).stepScalingPolicyConfiguration(c -> c
                            .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).cooldown(0)
                            .stepAdjustments(StepAdjustment.builder().metricIntervalLowerBound(0.0).scalingAdjustment(1).build())))
                    .policyARN();
            double[] scaleOut = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                String alarm = "bench-depth-" + i;
                String metric = "Depth" + i;
                awaitRunning(ecs, 1, Duration.ofSeconds(60));
                cw.putMetricAlarm(r -> r.alarmName(alarm).namespace("Bench").metricName(metric).statistic(Statistic.MAXIMUM)
                        .period(10).evaluationPeriods(1).threshold(10.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(policy));
                Instant crossed = Instant.now();
                long t0 = System.nanoTime();
                Instant deadline = crossed.plusSeconds(120);
                long nextPut = 0;
                while (running(ecs) < 2) {
                    if (Instant.now().isAfter(deadline)) throw new IllegalStateException("no scale-out within 120 s");
                    if (System.nanoTime() >= nextPut) {
                        cw.putMetricData(r -> r.namespace("Bench").metricData(d -> d.metricName(metric).value(50.0)
                                .storageResolution(1)));
                        nextPut = System.nanoTime() + 1_000_000_000L;
                    }
                    Thread.sleep(50);
                }
                scaleOut[i] = (System.nanoTime() - t0) / 1e9;
                cw.deleteAlarms(r -> r.alarmNames(alarm));
                ecs.updateService(r -> r.cluster(CLUSTER).service("scale-bench").desiredCount(1));
            }
            ecs.updateService(r -> r.cluster(CLUSTER).service("scale-bench").desiredCount(0));
            double median = median(scaleOut);
            double anchor = median(runTask);
            System.out.printf("load to RUNNING: step scaling on a high-resolution alarm (period 10 s, 1 evaluation period),"
                    + " default berth settings, busybox on the local agent, %d rounds (endpoint %s)%n", rounds, endpoint);
            System.out.printf("| %-52s | %14s |%n", "figure", "value");
            System.out.printf("| %-52s | %14s |%n", "-".repeat(52), "-".repeat(14));
            System.out.printf("| %-52s | %14.2f |%n", "threshold crossed -> new task RUNNING, median (s)", median);
            System.out.printf("| %-52s | %14s |%n", "  rounds (s)", Arrays.toString(round(scaleOut)));
            System.out.printf("| %-52s | %14.2f |%n", "anchor: RunTask -> RUNNING, median (s)", anchor);
            System.out.printf("| %-52s | %14.1f |%n", "ratio scale-out / RunTask", median / anchor);
        }
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void awaitInstance(EcsClient ecs) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (ecs.listContainerInstances(r -> r.cluster(CLUSTER)).containerInstanceArns().isEmpty()) {
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException("no container instance joined");
            Thread.sleep(200);
        }
    }

    private static double runTaskSeconds(EcsClient ecs, String definition) throws InterruptedException {
        long t0 = System.nanoTime();
        String arn = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(definition)).tasks().get(0).taskArn();
        while (!"RUNNING".equals(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arn)).tasks().get(0).lastStatus())) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ecs.stopTask(r -> r.cluster(CLUSTER).task(arn));
        return seconds;
    }

    private static int running(EcsClient ecs) {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("scale-bench")
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
        if (arns.isEmpty()) return 0;
        return (int) ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(new ArrayList<>(arns))).tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).count();
    }

    private static void awaitRunning(EcsClient ecs, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (running(ecs) != count
                || ecs.describeServices(r -> r.cluster(CLUSTER).services("scale-bench")).services().get(0).runningCount() != count) {
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException("service did not settle at " + count);
            Thread.sleep(100);
        }
    }
}
