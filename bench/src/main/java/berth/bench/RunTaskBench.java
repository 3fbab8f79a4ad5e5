package berth.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * RunTask to RUNNING on berth's local agent, against a berth already running at the given endpoint:
 * TASKS tasks one after another, each a local image serving HTTP on a dynamic host port; the time
 * from the RunTask call until DescribeTasks (polled every {@link #POLL}) says RUNNING. Each task is
 * stopped, untimed, before the next.
 *
 * <p>Anchor, measured in the same run and interleaved with berth's tasks: {@code docker run -d} of
 * the same image, command and port mapping, timed until the CLI returns (the container then runs),
 * each container removed, untimed, before the next. Ratio: berth over docker run, at p50 and p99.
 *
 * <p>Usage: {@code RunTaskBench ENDPOINT [TASKS] [IMAGE]} (defaults 100, berth-test/busybox:latest).
 */
public final class RunTaskBench {

    private static final Duration POLL = Duration.ofMillis(5);
    private static final String SCRIPT = "echo bench > /www/index.html && exec httpd -f -p 8080 -h /www";

    private RunTaskBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String image = args.length > 2 ? args[2] : "berth-test/busybox:latest";
        try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            awaitInstance(ecs);
            ecs.registerTaskDefinition(r -> r.family("runtask-bench").containerDefinitions(c -> c.name("web")
                    .image(image).cpu(1024).memory(64).command("sh", "-c", SCRIPT)
                    .linuxParameters(l -> l.initProcessEnabled(true))
                    .portMappings(PortMapping.builder().containerPort(8080).hostPort(0).build())));
            // one untimed round of each warms the JIT, the connection pools and the engine
            runBerth(ecs);
            runDocker(image);
            List<Double> berth = new ArrayList<>();
            List<Double> docker = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                berth.add(runBerth(ecs));
                docker.add(runDocker(image));
            }
            print(tasks, berth, docker);
        }
    }

    private static double runBerth(EcsClient ecs) {
        long start = System.nanoTime();
        Task task = ecs.runTask(r -> r.taskDefinition("runtask-bench")).tasks().get(0);
        String arn = task.taskArn();
        while (!"RUNNING".equals(ecs.describeTasks(r -> r.tasks(arn)).tasks().get(0).lastStatus())) {
            sleep(POLL);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        ecs.stopTask(r -> r.task(arn));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"STOPPED".equals(ecs.describeTasks(r -> r.tasks(arn)).tasks().get(0).lastStatus())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("task " + arn + " did not stop");
            }
            sleep(Duration.ofMillis(20));
        }
        return millis;
    }

    private static double runDocker(String image) throws IOException, InterruptedException {
        String name = "runtask-bench-anchor-" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        docker("run", "-d", "--init", "--name", name, "-m", "64m", "-p", "8080", image, "sh", "-c", SCRIPT);
        double millis = (System.nanoTime() - start) / 1e6;
        docker("rm", "-f", name);
        return millis;
    }

    private static void docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + new String(out));
        }
    }

    /** Creates the default cluster (the local agent joins it once it exists) and waits for the agent. */
    static void awaitInstance(EcsClient ecs) {
        ecs.createCluster(r -> r.clusterName("default"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no container instance registered in cluster default");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void print(int tasks, List<Double> berth, List<Double> docker) {
        double b50 = percentile(berth, 50);
        double b99 = percentile(berth, 99);
        double d50 = percentile(docker, 50);
        double d99 = percentile(docker, 99);
        System.out.printf("%-40s %10s %10s%n", "RunTask -> RUNNING (" + tasks + " tasks)", "p50 ms", "p99 ms");
        System.out.printf("%-40s %10.1f %10.1f%n", "berth (local agent)", b50, b99);
        System.out.printf("%-40s %10.1f %10.1f%n", "anchor: docker run -d", d50, d99);
        System.out.printf("%-40s %10.2f %10.2f%n", "ratio berth / docker run", b50 / d50, b99 / d99);
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
