package berth.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * RunTask to RUNNING through an Auto Scaling group capacity provider with managed scaling, when the
 * capacity must be launched: the group is at 0 instances, so the task waits in PROVISIONING while
 * managed scaling raises the desired capacity, the group launches an EC2 instance (a berth agent),
 * it registers and the task is placed on it and started.
 *
 * <p>Anchor, measured in the same run right after each launch: RunTask to RUNNING through the same
 * provider while the instance exists (capacity at hand). Each round then stops the task and waits,
 * untimed, for the group to scale in to 0 again. Ratio: with launch over with existing capacity.
 *
 * <p>Usage: {@code CapacityBench ENDPOINT [ROUNDS] [IMAGE]} (defaults 10, berth-test/busybox:latest);
 * berth must run with short managed-scaling polls and scale-in patience (capacity-bench.sh does).
 */
public final class CapacityBench {
    private static final String CLUSTER = "capacity-bench";
    private static final Duration POLL = Duration.ofMillis(5);

    private CapacityBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String image = args.length > 2 ? args[2] : "berth-test/busybox:latest";
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             AutoScalingClient asg = AutoScalingClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            String ami = ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("architecture").values("x86_64")))
                    .images().get(0).imageId();
            String userData = Base64.getEncoder().encodeToString(("#!/bin/bash\necho ECS_CLUSTER=" + CLUSTER
                    + " >> /etc/ecs/ecs.config\n").getBytes(StandardCharsets.UTF_8));
            ec2.createLaunchTemplate(r -> r.launchTemplateName(CLUSTER).launchTemplateData(d -> d.imageId(ami)
                    .instanceType("t3.small").userData(userData)));
            String subnet = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets()
                    .get(0).subnetId();
            asg.createAutoScalingGroup(r -> r.autoScalingGroupName(CLUSTER).minSize(0).maxSize(1).desiredCapacity(0)
                    .newInstancesProtectedFromScaleIn(true).launchTemplate(t -> t.launchTemplateName(CLUSTER))
                    .vpcZoneIdentifier(subnet));
            String arn = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(CLUSTER)).autoScalingGroups().get(0)
                    .autoScalingGroupARN();
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            ecs.createCapacityProvider(r -> r.name(CLUSTER + "-cp").autoScalingGroupProvider(a -> a.autoScalingGroupArn(arn)
                    .managedScaling(m -> m.status("ENABLED").targetCapacity(100)).managedTerminationProtection("ENABLED")));
            ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders(CLUSTER + "-cp")
                    .defaultCapacityProviderStrategy(s -> s.capacityProvider(CLUSTER + "-cp").weight(1)));
            ecs.registerTaskDefinition(r -> r.family(CLUSTER).containerDefinitions(c -> c.name("work").image(image)
                    .cpu(256).memory(64).stopTimeout(1).command("sh", "-c", "exec sleep 600")));
            List<Double> launched = new ArrayList<>();
            List<Double> existing = new ArrayList<>();
            for (int i = 0; i <= rounds; i++) {
                awaitEmpty(asg);
                double withLaunch = run(ecs);
                double withCapacity = run(ecs);
                if (i > 0) { // the first round warms up
                    launched.add(withLaunch);
                    existing.add(withCapacity);
                }
            }
            double l50 = RunTaskBench.percentile(launched, 50);
            double e50 = RunTaskBench.percentile(existing, 50);
            double l90 = RunTaskBench.percentile(launched, 90);
            double e90 = RunTaskBench.percentile(existing, 90);
            System.out.printf("%-48s %10s %10s%n", "RunTask -> RUNNING (" + rounds + " rounds)", "p50 ms", "p90 ms");
            System.out.printf("%-48s %10.1f %10.1f%n", "capacity launched (group at 0, managed scaling)", l50, l90);
            System.out.printf("%-48s %10.1f %10.1f%n", "anchor: capacity existing (same provider)", e50, e90);
            System.out.printf("%-48s %10.2f %10.2f%n", "ratio launched / existing", l50 / e50, l90 / e90);
        }
    }

    /** One task through the provider: milliseconds from RunTask to RUNNING; then stopped, untimed. */
    private static double run(EcsClient ecs) {
        long start = System.nanoTime();
        Task task = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(CLUSTER)).tasks().get(0);
        String arn = task.taskArn();
        await(() -> "RUNNING".equals(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arn)).tasks().get(0).lastStatus()),
                "task " + arn + " to run", POLL);
        double millis = (System.nanoTime() - start) / 1e6;
        ecs.stopTask(r -> r.cluster(CLUSTER).task(arn));
        await(() -> "STOPPED".equals(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arn)).tasks().get(0).lastStatus()),
                "task " + arn + " to stop", Duration.ofMillis(20));
        return millis;
    }

    private static void awaitEmpty(AutoScalingClient asg) {
        await(() -> {
            var g = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(CLUSTER)).autoScalingGroups().get(0);
            return g.desiredCapacity() == 0 && g.instances().isEmpty();
        }, "the group to scale in to 0", Duration.ofMillis(100));
    }

    private static void await(BooleanSupplier condition, String what, Duration poll) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out waiting for " + what);
            RunTaskBench.sleep(poll);
        }
    }
}
