package berth.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * EventBridge Scheduler's dispatch: from an at() schedule's occurrence until its ECS task is RUNNING
 * (DescribeTasks polled every {@link #POLL}), against a berth already running at the given endpoint.
 * Each schedule's occurrence is the next whole second at least a second away (at() has second
 * precision); the figure includes the scheduler loop's wake-up, the role session, RunTask and the task
 * start. Anchor, measured in the same run and interleaved: RunTask -> RUNNING of the same task
 * definition called directly. Each task is stopped, untimed, before the next.
 *
 * <p>Usage: {@code SchedulerBench ENDPOINT [COUNT]} (default 10).
 */
public final class SchedulerBench {
    private static final Duration POLL = Duration.ofMillis(5);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"scheduler.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
    private static final String RUN_TASK = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:RunTask","Resource":"*"}]}""";

    private SchedulerBench() {}

    public static void main(String[] args) {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
             SchedulerClient scheduler = SchedulerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             IamClient iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            RunTaskBench.awaitInstance(ecs);
            String definition = ecs.registerTaskDefinition(r -> r.family("scheduler-bench").containerDefinitions(c -> c.name("job")
                    .image("berth-test/busybox:latest").memory(64).command("sleep", "600")
                    .linuxParameters(l -> l.initProcessEnabled(true)))).taskDefinition().taskDefinitionArn();
            String cluster = ecs.describeClusters(r -> r.clusters("default")).clusters().get(0).clusterArn();
            String role = iam.createRole(r -> r.roleName("scheduler-bench").assumeRolePolicyDocument(TRUST)).role().arn();
            iam.putRolePolicy(r -> r.roleName("scheduler-bench").policyName("run").policyDocument(RUN_TASK));
            runDirect(ecs);
            scheduled(ecs, scheduler, cluster, definition, role, -1);
            List<Double> viaSchedule = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                viaSchedule.add(scheduled(ecs, scheduler, cluster, definition, role, i));
                direct.add(runDirect(ecs));
            }
            System.out.printf("%-44s %10s %10s%n", "-> RUNNING (" + count + " tasks)", "p50 ms", "p99 ms");
            System.out.printf("%-44s %10.1f %10.1f%n", "berth: at() occurrence -> RUNNING",
                    RunTaskBench.percentile(viaSchedule, 50), RunTaskBench.percentile(viaSchedule, 99));
            System.out.printf("%-44s %10.1f %10.1f%n", "anchor: RunTask -> RUNNING", RunTaskBench.percentile(direct, 50),
                    RunTaskBench.percentile(direct, 99));
            System.out.printf("%-44s %10.2f %10.2f%n", "ratio schedule / RunTask",
                    RunTaskBench.percentile(viaSchedule, 50) / RunTaskBench.percentile(direct, 50),
                    RunTaskBench.percentile(viaSchedule, 99) / RunTaskBench.percentile(direct, 99));
        }
    }

    private static double scheduled(EcsClient ecs, SchedulerClient scheduler, String cluster, String definition, String role, int i) {
        String group = "bench-" + (i + 1);
        Instant due = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        scheduler.createSchedule(r -> r.name(group).scheduleExpression("at(" + due.atOffset(ZoneOffset.UTC).toLocalDateTime().format(AT) + ")")
                .actionAfterCompletion("DELETE").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(cluster).roleArn(role).ecsParameters(e -> e.taskDefinitionArn(definition).group(group))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> arns = ecs.listTasks(r -> r.startedBy("scheduler")).taskArns();
            Task task = arns.isEmpty() ? null : ecs.describeTasks(r -> r.tasks(arns)).tasks().stream()
                    .filter(t -> group.equals(t.group()) && "RUNNING".equals(t.lastStatus())).findFirst().orElse(null);
            if (task != null) {
                double millis = Duration.between(due, Instant.now()).toNanos() / 1e6;
                stop(ecs, task.taskArn());
                return millis;
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("scheduled task " + group + " did not run");
            RunTaskBench.sleep(POLL);
        }
    }

    private static double runDirect(EcsClient ecs) {
        long start = System.nanoTime();
        String arn = ecs.runTask(r -> r.taskDefinition("scheduler-bench")).tasks().get(0).taskArn();
        while (!"RUNNING".equals(ecs.describeTasks(r -> r.tasks(arn)).tasks().get(0).lastStatus())) {
            RunTaskBench.sleep(POLL);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        stop(ecs, arn);
        return millis;
    }

    private static void stop(EcsClient ecs, String arn) {
        ecs.stopTask(r -> r.task(arn));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"STOPPED".equals(ecs.describeTasks(r -> r.tasks(arn)).tasks().get(0).lastStatus())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("task " + arn + " did not stop");
            RunTaskBench.sleep(Duration.ofMillis(20));
        }
    }
}
