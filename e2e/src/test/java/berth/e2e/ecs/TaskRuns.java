package berth.e2e.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.testing.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Running tasks on a real berth and looking at them from the outside: the ECS API for what berth
 * says, the docker CLI for what runs, HTTP for what the containers serve.
 */
public final class TaskRuns {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TaskRuns() {}

    /** The offline busybox image: sh, httpd, nc, sleep. */
    public static String busybox() {
        return TestImages.ensureBusybox();
    }

    /** RunTask that must place its task; returns it. */
    public static Task run(EcsClient ecs, Consumer<RunTaskRequest.Builder> request) {
        RunTaskResponse response = ecs.runTask(request);
        assertThat(response.failures()).as("RunTask failures").isEmpty();
        assertThat(response.tasks()).hasSize(1);
        return response.tasks().get(0);
    }

    public static Task describe(EcsClient ecs, String cluster, String taskArn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }

    /** Polls DescribeTasks until {@code condition} holds. */
    public static Task await(EcsClient ecs, String cluster, String taskArn, Predicate<Task> condition, Duration timeout,
                      String what) {
        Instant deadline = Instant.now().plus(timeout);
        Task last = describe(ecs, cluster, taskArn);
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("task " + taskArn + " did not " + what + " within " + timeout + "; last: "
                        + last);
            }
            sleep(Duration.ofMillis(100));
            last = describe(ecs, cluster, taskArn);
        }
        return last;
    }

    public static Task awaitStatus(EcsClient ecs, String cluster, String taskArn, String status) {
        return await(ecs, cluster, taskArn, t -> status.equals(t.lastStatus()), Duration.ofSeconds(60),
                "reach " + status);
    }

    /**
     * Waits until the task's last status is {@code status}; a task that stops first ends the wait and
     * fails it (unless STOPPED is what was awaited).
     */
    public static Task awaitSettled(EcsClient ecs, String cluster, String taskArn, String status) {
        Task last = await(ecs, cluster, taskArn, t -> status.equals(t.lastStatus()) || "STOPPED".equals(t.lastStatus()),
                Duration.ofSeconds(90), "reach " + status);
        assertThat(last.lastStatus()).as("task " + last).isEqualTo(status);
        return last;
    }

    /** RunTask of {@code family} in {@code cluster} that must place its task, then {@link #awaitSettled}. */
    public static Task runAndAwait(EcsClient ecs, String cluster, String family, String status) {
        Task task = run(ecs, r -> r.cluster(cluster).taskDefinition(family));
        return awaitSettled(ecs, cluster, task.taskArn(), status);
    }

    /** Waits until {@code cluster} has {@code count} registered, connected container instances. */
    public static List<String> awaitInstances(EcsClient ecs, String cluster, int count) {
        if (cluster.equals("default")) {
            // the local agent joins the default cluster once it exists; a fresh account has none
            ecs.createCluster(r -> r.clusterName("default"));
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                List<String> arns = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
                if (arns.size() >= count && ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns))
                        .containerInstances().stream().allMatch(i -> Boolean.TRUE.equals(i.agentConnected()))) {
                    return arns;
                }
            } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException notYet) {
                // a remote agent's cluster that the test creates meanwhile
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(cluster + " did not get " + count + " connected container instances");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** Runs the docker CLI; its output lines. */
    public static List<String> docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot run the docker CLI", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code docker ps} names of the containers labelled with {@code task}, running ones only unless {@code all}. */
    public static List<String> containersOf(String taskArn, boolean all) {
        List<String> args = new ArrayList<>(List.of("ps", "--filter", "label=berth.task-arn=" + taskArn, "--format",
                "{{.Names}}"));
        if (all) {
            args.add("-a");
        }
        return docker(args.toArray(String[]::new));
    }

    /** The value of one label of a container. */
    public static String label(String container, String label) {
        return docker("inspect", "--format", "{{index .Config.Labels \"" + label + "\"}}", container).get(0);
    }

    /** The body of a 200 answer from {@code url}, retrying for 10 s while the server starts. */
    public static String httpGet(String url) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("GET " + url + " did not answer 200", last);
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A container command serving {@code body} at {@code /} on {@code port}. */
    public static List<String> httpd(String body, int port) {
        return List.of("sh", "-c", "echo " + body + " > /www/index.html && exec httpd -f -p " + port + " -h /www");
    }

    /** Removes every container and volume the agents of the berth at {@code endpoint} created. */
    public static void removeContainers(URI endpoint) {
        String filter = "label=berth.control-plane=" + endpoint;
        List<String> ids = docker("ps", "-aq", "--filter", filter);
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(ids);
            docker(rm.toArray(String[]::new));
        }
        List<String> volumes = docker("volume", "ls", "-q", "--filter", filter);
        if (!volumes.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("volume", "rm", "-f"));
            rm.addAll(volumes);
            docker(rm.toArray(String[]::new));
        }
        for (String network : docker("network", "ls", "-q", "--filter", filter)) {
            try {
                docker("network", "rm", network);
            } catch (AssertionError stillInUse) {
                // a container of another test still holds it; the agent removes it with its last task
            }
        }
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
