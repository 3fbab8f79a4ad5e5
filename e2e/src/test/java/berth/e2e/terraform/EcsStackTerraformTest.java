package berth.e2e.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.e2e.Terraform;
import berth.e2e.ecs.TaskRuns;
import berth.junit5.BerthTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The typical Fargate stack of {@code terraform/ecs-stack} on berth with Terraform's AWS provider: an
 * image built from a Dockerfile and pushed to ECR, secrets from Secrets Manager and SSM, awslogs, an
 * ALB in front of a service with a circuit breaker. {@code apply} brings the service to a steady state
 * that really serves (the page shows the secrets the containers got), {@code plan -detailed-exitcode}
 * then finds nothing to change, and {@code destroy} leaves nothing behind. Beside the service, EC2
 * capacity (VPC, subnet, security group, launch template, Auto Scaling group, capacity provider with
 * managed scaling) applies, re-plans clean and is destroyed with it; so do a nightly batch run of the
 * task by an EventBridge rule, a custom bus's rule with an input transformer, and a Scheduler schedule.
 */
@BerthTest(accountId = "444455556666")
class EcsStackTerraformTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterAll
    static void removeContainers(URI endpoint) {
        TaskRuns.removeContainers(endpoint);
    }

    @Test
    void theStackAppliesServesPlansCleanAndDestroys(URI endpoint, @TempDir Path dir, EcsClient ecs, EcrClient ecr,
                                                   ElasticLoadBalancingV2Client elb, IamClient iam,
                                                   SecretsManagerClient secrets, SsmClient ssm,
                                                   CloudWatchLogsClient logs, AutoScalingClient asg, Ec2Client ec2,
                                                   CloudWatchClient cloudwatch,
                                                   ApplicationAutoScalingClient scaling, EventBridgeClient events,
                                                   SchedulerClient scheduler) throws Exception {
        Path binary = Terraform.binary().orElse(null);
        assumeTrue(binary != null, "no terraform binary on PATH: this test runs Terraform itself against berth");
        Path mirror = Terraform.providerMirror().orElseThrow(() -> new AssertionError("terraform is on PATH but no"
                + " registry.terraform.io/hashicorp/aws provider mirror was found"));
        Terraform terraform = Terraform.stack(binary, mirror, "terraform/ecs-stack", dir, COMMAND_TIMEOUT);
        int port = freePort();
        Map<String, String> vars = Map.of("endpoint", endpoint.toString(), "listener_port", Integer.toString(port),
                "base_image", TaskRuns.busybox(), "name", "tfecs");

        terraform.init().expectExit(0);
        boolean destroyed = false;
        try {
            terraform.apply(vars).expectExit(0);

            // wait_for_steady_state returned once both tasks ran; the deployment completes as they turn healthy
            var service = ecs.describeServices(r -> r.cluster("tfecs-cluster").services("tfecs-app")).services().get(0);
            assertThat(service.runningCount()).isEqualTo(2);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!service.deployments().get(0).rolloutStateAsString().equals("COMPLETED") && Instant.now().isBefore(deadline)) {
                TaskRuns.sleep(Duration.ofMillis(500));
                service = ecs.describeServices(r -> r.cluster("tfecs-cluster").services("tfecs-app")).services().get(0);
            }
            assertThat(service.deployments()).singleElement()
                    .satisfies(d -> assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
            Set<String> pages = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                pages.add(get("http://127.0.0.1:" + port + "/"));
            }
            assertThat(pages).containsExactly("hello-from-ssm tfecs s3cr3t-from-secrets-manager\n");
            assertThat(get("http://127.0.0.1:" + port + "/lb-health")).isEqualTo("ok");
            assertThat(awaitLogLines(logs, "/ecs/tfecs", 2)).allMatch(line -> line.equals("serving for tfecs"));

            // the EC2 capacity beside it: the group at 0 behind the cluster's capacity provider
            assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("tfecs-asg")).autoScalingGroups())
                    .singleElement().satisfies(g -> assertThat(g.desiredCapacity()).isZero());
            assertThat(ecs.describeClusters(r -> r.clusters("tfecs-cluster")).clusters().get(0).capacityProviders())
                    .contains("tfecs-cp");
            assertThat(ec2.describeVpcs(r -> r.filters(f -> f.name("tag:Name").values("tfecs-vpc"))).vpcs()).hasSize(1);

            assertThat(scaling.describeScalingPolicies(r -> r.serviceNamespace("ecs")).scalingPolicies()).hasSize(2);
            assertThat(cloudwatch.describeAlarms().metricAlarms()).extracting(a -> a.alarmName())
                    .contains("tfecs-backlog").anyMatch(n -> n.startsWith("TargetTracking-service/tfecs-cluster/tfecs-app-AlarmHigh-"));
            // the nightly batch by an EventBridge rule (and a custom bus's rule) and by a Scheduler schedule
            assertThat(events.listRules(r -> r.namePrefix("tfecs-")).rules()).extracting(r -> r.name())
                    .containsExactly("tfecs-nightly");
            assertThat(events.listTargetsByRule(r -> r.rule("tfecs-nightly")).targets()).singleElement()
                    .satisfies(t -> assertThat(t.ecsParameters().launchTypeAsString()).isEqualTo("FARGATE"));
            assertThat(events.listTargetsByRule(r -> r.rule("tfecs-big-orders").eventBusName("tfecs-orders")).targets())
                    .singleElement().satisfies(t -> assertThat(t.inputTransformer().inputPathsMap()).containsKey("customer"));
            assertThat(scheduler.getSchedule(r -> r.name("tfecs-weekly")).target().ecsParameters().taskDefinitionArn())
                    .contains("tfecs-app");
            terraform.plan(vars).expectExit(0);

            terraform.destroy(vars).expectExit(0);
            destroyed = true;
            assertThat(ecs.listClusters().clusterArns()).noneMatch(arn -> arn.endsWith("/tfecs-cluster"));
            assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("tfecs-app").status("ACTIVE")).taskDefinitionArns())
                    .isEmpty();
            assertThat(ecr.describeRepositories().repositories()).isEmpty();
            assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
            assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
            assertThat(iam.listRoles().roles()).isEmpty();
            assertThat(iam.listPolicies(r -> r.scope("Local")).policies()).isEmpty();
            assertThat(secrets.listSecrets().secretList()).isEmpty();
            assertThat(ssm.describeParameters().parameters()).isEmpty();
            assertThat(logs.describeLogGroups().logGroups()).isEmpty();
            assertThat(asg.describeAutoScalingGroups().autoScalingGroups()).isEmpty();
            assertThat(ec2.describeVpcs().vpcs()).singleElement().satisfies(v -> assertThat(v.isDefault()).isTrue());
            assertThat(ec2.describeLaunchTemplates().launchTemplates()).isEmpty();
            assertThat(scaling.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets()).isEmpty();
            assertThat(cloudwatch.describeAlarms().metricAlarms()).as("the target tracking alarms go with their policy")
                    .isEmpty();
            assertThat(events.listRules(r -> { }).rules()).isEmpty();
            assertThat(events.listEventBuses(r -> { }).eventBuses()).extracting(b -> b.name()).containsExactly("default");
            assertThat(scheduler.listSchedules(r -> { }).schedules()).isEmpty();
            assertThat(TaskRuns.docker("ps", "--filter", "label=berth.control-plane=" + endpoint, "--format",
                    "{{.Names}}")).as("no container of the stack runs").isEmpty();
        } finally {
            if (!destroyed) {
                terraform.destroy(vars);
            }
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** The first line of every stream of the group, once each of {@code streams} streams has one. */
    private static List<String> awaitLogLines(CloudWatchLogsClient logs, String group, int streams) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<String> lines = List.of();
        while (Instant.now().isBefore(deadline)) {
            lines = logs.describeLogStreams(r -> r.logGroupName(group)).logStreams().stream()
                    .flatMap(s -> logs.getLogEvents(r -> r.logGroupName(group).logStreamName(s.logStreamName())
                            .startFromHead(true)).events().stream().limit(1))
                    .map(OutputLogEvent::message).toList();
            if (lines.size() >= streams) {
                return lines;
            }
            TaskRuns.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError(group + " has first lines " + lines + ", expected " + streams + " streams");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
