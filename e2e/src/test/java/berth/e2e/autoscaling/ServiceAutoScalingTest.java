package berth.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import berth.e2e.AwsCli;
import berth.e2e.BerthProcess;
import berth.e2e.ecs.TaskRuns;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ECS services that really scale: a step policy on a custom metric (the alarm made with the CLI v1,
 * which speaks CBOR, the data put with the CLI v2, which speaks Query), a scheduled action in a time
 * zone, and target tracking on ALBRequestCountPerTarget measured by the load balancer under load,
 * out and back in. One berth with short alarm periods, evaluation intervals and cooldowns.
 */
class ServiceAutoScalingTest {
    private static final String CLUSTER = "default";
    private static final String DIMENSION = "ecs:service:DesiredCount";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static BerthProcess berth;
    private static Path home;
    private static EcsClient ecs;
    private static ApplicationAutoScalingClient scaling;
    private static CloudWatchClient cloudwatch;
    private static ElasticLoadBalancingV2Client elb;
    private static AwsCli cliV1;
    private static AwsCli cliV2;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("berth-scaling-");
        berth = BerthProcess.start(home, Map.of("BERTH_AUTOSCALING_INTERVAL_MS", "500",
                "BERTH_CLOUDWATCH_EVALUATION_DELAY_MS", "1500", "BERTH_ELB_METRICS_SECONDS", "5",
                "BERTH_TARGET_TRACKING_PERIOD_SECONDS", "10", "BERTH_TARGET_TRACKING_HIGH_PERIODS", "1",
                "BERTH_TARGET_TRACKING_LOW_PERIODS", "1", "BERTH_AGENT_USAGE_SECONDS", "2",
                "BERTH_ECS_INSIGHTS_SECONDS", "2"));
        URI endpoint = berth.endpoint();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        scaling = ApplicationAutoScalingClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        cloudwatch = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        elb = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        for (AwsCli cli : AwsCli.installed()) {
            if (cli.version().startsWith("aws-cli/1")) cliV1 = cli;
            if (cli.version().startsWith("aws-cli/2")) cliV2 = cli;
        }
        assertThat(cliV1).as("the aws CLI v1").isNotNull();
        assertThat(cliV2).as("the aws CLI v2").isNotNull();
        TestImages.ensureBusybox();
        TaskRuns.awaitInstances(ecs, CLUSTER, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) {
            TaskRuns.removeContainers(berth.endpoint());
            berth.close();
        }
    }

    private static AwsCli.Result ok(AwsCli cli, String... args) throws Exception {
        AwsCli.Result r = cli.run(berth.endpoint(), "test", "test", args);
        assertThat(r.exitCode()).as(cli + " " + String.join(" ", args) + ": " + r.stderr()).isZero();
        return r;
    }

    private static String service(String name, ContainerDefinition container, int desired,
                                  software.amazon.awssdk.services.ecs.model.LoadBalancer... balancers) {
        String definition = ecs.registerTaskDefinition(r -> r.family(name).containerDefinitions(container))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(CLUSTER).serviceName(name).taskDefinition(definition).desiredCount(desired)
                .loadBalancers(balancers));
        awaitRunning(name, n -> n == desired, Duration.ofSeconds(30));
        return "service/" + CLUSTER + "/" + name;
    }

    private static ContainerDefinition sleeper() {
        return ContainerDefinition.builder().name("app").image(TestImages.ensureBusybox()).memory(16).stopTimeout(1)
                .command("sleep", "3600").build();
    }

    private static Service awaitRunning(String service, IntPredicate running, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Service s = ecs.describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0);
            if (running.test(s.runningCount()) && s.runningCount() == s.desiredCount()) return s;
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(service + " did not reach the running count within " + timeout + ": " + s
                        + "\nactivities: " + activities("service/" + CLUSTER + "/" + service));
            }
            TaskRuns.sleep(Duration.ofMillis(250));
        }
    }

    private static List<ScalingActivity> activities(String resourceId) {
        return scaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId))
                .scalingActivities();
    }

    private static void register(String resourceId, int min, int max) {
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(min).maxCapacity(max));
    }

    @Test
    void stepScalingOnACustomMetricStartsRealTasks() throws Exception {
        ecs.updateClusterSettings(r -> r.cluster(CLUSTER).settings(x -> x.name("containerInsights").value("enabled")));
        String resource = service("queue-worker", sleeper(), 1);
        register(resource, 1, 4);
        String policyArn = scaling.putScalingPolicy(r -> r.policyName("queue-depth").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resource).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.STEP_SCALING).stepScalingPolicyConfiguration(c -> c
                        .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).cooldown(0).stepAdjustments(
                                StepAdjustment.builder().metricIntervalLowerBound(0.0).metricIntervalUpperBound(100.0)
                                        .scalingAdjustment(1).build(),
                                StepAdjustment.builder().metricIntervalLowerBound(100.0).scalingAdjustment(2).build())))
                .policyARN();
        assertThat(policyArn).startsWith("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:")
                .endsWith(":resource/ecs/" + resource + ":policyName/queue-depth");
        ok(cliV1, "cloudwatch", "put-metric-alarm", "--alarm-name", "queue-deep", "--namespace", "Worker",
                "--metric-name", "QueueDepth", "--dimensions", "Name=Queue,Value=jobs", "--statistic", "Maximum",
                "--period", "10", "--evaluation-periods", "1", "--threshold", "10",
                "--comparison-operator", "GreaterThanThreshold", "--alarm-actions", policyArn);
        Instant until = Instant.now().plusSeconds(25);
        Service scaled = null;
        while (Instant.now().isBefore(until)) {
            ok(cliV2, "cloudwatch", "put-metric-data", "--namespace", "Worker", "--metric-name", "QueueDepth",
                    "--dimensions", "Queue=jobs", "--value", "250", "--storage-resolution", "1");
            Service s = ecs.describeServices(r -> r.cluster(CLUSTER).services("queue-worker")).services().get(0);
            if (s.desiredCount() == 3) {
                scaled = s;
                break;
            }
        }
        assertThat(scaled).as("the +2 step raised the desired count to 3; activities: " + activities(resource)).isNotNull();
        awaitRunning("queue-worker", n -> n == 3, Duration.ofSeconds(30));
        ScalingActivity activity = activities(resource).get(0);
        assertThat(activity.description()).isEqualTo("Setting desired count to 3.");
        assertThat(activity.cause()).isEqualTo("monitor alarm queue-deep in state ALARM triggered policy queue-depth");
        assertThat(activity.statusMessage()).isEqualTo("Successfully set desired count to 3. Change successfully fulfilled by ecs.");
        MetricAlarm alarm = cloudwatch.describeAlarms(r -> r.alarmNames("queue-deep")).metricAlarms().get(0);
        assertThat(alarm.stateValueAsString()).isEqualTo("ALARM");
        assertThat(alarm.alarmActions()).containsExactly(policyArn);
        assertThat(cloudwatch.describeAlarmHistory(r -> r.alarmName("queue-deep")).alarmHistoryItems())
                .anyMatch(i -> i.historySummary().equals("Alarm updated from INSUFFICIENT_DATA to ALARM"));
        var stats = cloudwatch.getMetricStatistics(r -> r.namespace("Worker").metricName("QueueDepth")
                .dimensions(d -> d.name("Queue").value("jobs")).statistics(Statistic.MAXIMUM, Statistic.SAMPLE_COUNT)
                .period(60).startTime(Instant.now().minusSeconds(300)).endTime(Instant.now().plusSeconds(60)));
        assertThat(stats.datapoints()).isNotEmpty().allMatch(d -> d.maximum() == 250.0);
        Instant insightsDeadline = Instant.now().plusSeconds(10);
        while (true) {
            var running = cloudwatch.getMetricStatistics(r -> r.namespace("ECS/ContainerInsights").metricName("RunningTaskCount")
                    .dimensions(d -> d.name("ClusterName").value(CLUSTER), d -> d.name("ServiceName").value("queue-worker"))
                    .statistics(Statistic.MAXIMUM).period(60).startTime(Instant.now().minusSeconds(300))
                    .endTime(Instant.now().plusSeconds(60)));
            if (running.datapoints().stream().anyMatch(d -> d.maximum() == 3.0)) break;
            assertThat(Instant.now()).as("Container Insights counts the 3 running tasks: " + running.datapoints())
                    .isBefore(insightsDeadline);
            TaskRuns.sleep(Duration.ofMillis(500));
        }

        scaling.deleteScalingPolicy(r -> r.policyName("queue-depth").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resource).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
        ObjectNotFoundException gone = org.junit.jupiter.api.Assertions.assertThrows(ObjectNotFoundException.class, () ->
                scaling.deleteScalingPolicy(r -> r.policyName("queue-depth").serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resource).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
        assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("ObjectNotFoundException");
        ecs.updateService(r -> r.cluster(CLUSTER).service("queue-worker").desiredCount(0));
    }

    @Test
    void aScheduledActionChangesCapacityAtItsTimeInItsZone() throws Exception {
        String resource = service("nightly", sleeper(), 1);
        register(resource, 1, 1);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDateTime at = LocalDateTime.now(berlin).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        ok(cliV1, "application-autoscaling", "put-scheduled-action", "--service-namespace", "ecs",
                "--scalable-dimension", DIMENSION, "--resource-id", resource, "--scheduled-action-name", "evening-peak",
                "--schedule", "at(" + at.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ")", "--timezone", "Europe/Berlin",
                "--scalable-target-action", "MinCapacity=2,MaxCapacity=3");
        assertThat(ecs.describeServices(r -> r.cluster(CLUSTER).services("nightly")).services().get(0).desiredCount())
                .as("nothing happens before its time").isEqualTo(1);
        awaitRunning("nightly", n -> n == 2, Duration.ofSeconds(30));
        var target = scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceIds(resource))
                .scalableTargets().get(0);
        assertThat(target.minCapacity()).isEqualTo(2);
        assertThat(target.maxCapacity()).isEqualTo(3);
        List<ScalingActivity> done = activities(resource);
        assertThat(done).anyMatch(a -> a.cause().equals("scheduled action name evening-peak was triggered")
                && a.description().equals("Setting min capacity to 2 and max capacity to 3"));
        assertThat(done).anyMatch(a -> a.cause().equals("minimum capacity was set to 2")
                && a.statusCodeAsString().equals("Successful"));
        ValidationException badZone = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class, () ->
                scaling.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("x")
                        .schedule("cron(0 * * * ? *)").timezone("Mars/Olympus")
                        .scalableTargetAction(a -> a.minCapacity(1))));
        assertThat(badZone.awsErrorDetails().errorMessage()).contains("Mars/Olympus");
        ecs.updateService(r -> r.cluster(CLUSTER).service("nightly").desiredCount(0));
        scaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
    }

    @Test
    void aCpuBurningTaskScalesOutOnItsMeasuredCpu() {
        ContainerDefinition burner = ContainerDefinition.builder().name("burn").image(TestImages.ensureBusybox()).cpu(256)
                .memory(16).stopTimeout(1).command("sh", "-c",
                        "while :; do i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; sleep 0.2; done").build();
        String resource = service("burner", burner, 1);
        register(resource, 1, 2);
        scaling.putScalingPolicy(r -> r.policyName("cpu").serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(20.0).scaleOutCooldown(60).disableScaleIn(true)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
        awaitRunning("burner", n -> n == 2, Duration.ofSeconds(40));
        assertThat(activities(resource)).anyMatch(a -> a.cause().startsWith("monitor alarm TargetTracking-" + resource
                + "-AlarmHigh-") && a.cause().endsWith("triggered policy cpu"));
        var cpu = cloudwatch.getMetricStatistics(r -> r.namespace("AWS/ECS").metricName("CPUUtilization")
                .dimensions(d -> d.name("ClusterName").value(CLUSTER), d -> d.name("ServiceName").value("burner"))
                .statistics(Statistic.AVERAGE).period(60).startTime(Instant.now().minusSeconds(300))
                .endTime(Instant.now().plusSeconds(60)));
        assertThat(cpu.datapoints()).isNotEmpty().anyMatch(d -> d.average() > 20.0);
        assertThat(cloudwatch.listMetrics(r -> r.namespace("AWS/ECS").metricName("MemoryUtilization")).metrics())
                .anyMatch(m -> m.dimensions().size() == 2);
        ecs.updateService(r -> r.cluster(CLUSTER).service("burner").desiredCount(0));
        scaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resource)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
    }

    @Test
    void albRequestCountPerTargetScalesOutUnderLoadAndBackInAfterIt() throws Exception {
        String lb = elb.createLoadBalancer(r -> r.name("web").subnets("subnet-1", "subnet-2")).loadBalancers().get(0)
                .loadBalancerArn();
        var group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).vpcId("vpc-1")
                .targetType(TargetTypeEnum.INSTANCE).healthCheckPath("/").healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0);
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group.targetGroupArn()).attributes(a -> a
                .key("deregistration_delay.timeout_seconds").value("1")));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(port)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(group.targetGroupArn())));
        ContainerDefinition web = ContainerDefinition.builder().name("web").image(TestImages.ensureBusybox()).memory(16)
                .stopTimeout(1).command("sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www")
                .portMappings(PortMapping.builder().containerPort(8080).hostPort(0).build()).build();
        String resource = service("web", web, 1, software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                .targetGroupArn(group.targetGroupArn()).containerName("web").containerPort(8080).build());
        register(resource, 1, 3);
        String label = lb.substring(lb.indexOf("loadbalancer/") + "loadbalancer/".length()) + "/"
                + group.targetGroupArn().substring(group.targetGroupArn().indexOf("targetgroup/"));
        var policy = scaling.putScalingPolicy(r -> r.policyName("requests").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resource).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING).targetTrackingScalingPolicyConfiguration(c -> c
                        .targetValue(20.0).scaleOutCooldown(5).scaleInCooldown(0).predefinedMetricSpecification(m -> m
                                .predefinedMetricType(MetricType.ALB_REQUEST_COUNT_PER_TARGET).resourceLabel(label))));
        assertThat(policy.alarms()).extracting(a -> a.alarmName()).hasSize(2)
                .anyMatch(n -> n.startsWith("TargetTracking-" + resource + "-AlarmHigh-"))
                .anyMatch(n -> n.startsWith("TargetTracking-" + resource + "-AlarmLow-"));
        MetricAlarm high = cloudwatch.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-" + resource + "-AlarmHigh-"))
                .metricAlarms().get(0);
        assertThat(high.namespace()).isEqualTo("AWS/ApplicationELB");
        assertThat(high.metricName()).isEqualTo("RequestCountPerTarget");
        assertThat(high.dimensions()).singleElement().satisfies(d -> assertThat(d.value()).startsWith("targetgroup/web/"));
        assertThat(high.threshold()).isEqualTo(20.0);

        URI url = URI.create("http://127.0.0.1:" + port + "/");
        AtomicBoolean loaded = new AtomicBoolean(true);
        Thread load = Thread.ofPlatform().daemon().start(() -> {
            while (loaded.get()) {
                try {
                    HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(20);
                } catch (Exception e) {
                    TaskRuns.sleep(Duration.ofMillis(50));
                }
            }
        });
        try {
            awaitRunning("web", n -> n == 3, Duration.ofSeconds(45));
        } finally {
            loaded.set(false);
            load.join(5000);
        }
        assertThat(activities(resource)).anyMatch(a -> a.cause().startsWith("monitor alarm TargetTracking-" + resource
                + "-AlarmHigh-") && a.cause().endsWith("in state ALARM triggered policy requests"));
        Instant idleUntil = Instant.now().plusSeconds(45);
        while (Instant.now().isBefore(idleUntil)) {
            HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            if (ecs.describeServices(r -> r.cluster(CLUSTER).services("web")).services().get(0).desiredCount() == 1) break;
            TaskRuns.sleep(Duration.ofSeconds(1));
        }
        awaitRunning("web", n -> n == 1, Duration.ofSeconds(20));
        assertThat(activities(resource)).anyMatch(a -> a.cause().contains("-AlarmLow-"));
        var requests = cloudwatch.getMetricStatistics(r -> r.namespace("AWS/ApplicationELB").metricName("RequestCount")
                .dimensions(d -> d.name("TargetGroup").value(high.dimensions().get(0).value())).statistics(Statistic.SUM)
                .period(60).startTime(Instant.now().minusSeconds(600)).endTime(Instant.now().plusSeconds(60)));
        assertThat(requests.datapoints().stream().mapToDouble(d -> d.sum()).sum()).isGreaterThan(100);
        var byBalancer = cloudwatch.listMetrics(r -> r.namespace("AWS/ApplicationELB").metricName("RequestCount")).metrics()
                .stream().filter(m -> m.dimensions().size() == 1 && m.dimensions().get(0).name().equals("LoadBalancer"))
                .toList();
        assertThat(byBalancer).as("RequestCount of the load balancer alone").singleElement()
                .satisfies(m -> assertThat(m.dimensions().get(0).value()).startsWith("app/"));
        var balancerRequests = cloudwatch.getMetricStatistics(r -> r.namespace("AWS/ApplicationELB").metricName("RequestCount")
                .dimensions(byBalancer.get(0).dimensions()).statistics(Statistic.SUM)
                .period(60).startTime(Instant.now().minusSeconds(600)).endTime(Instant.now().plusSeconds(60)));
        assertThat(balancerRequests.datapoints().stream().mapToDouble(d -> d.sum()).sum()).isGreaterThan(100);
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(0));
    }
}
