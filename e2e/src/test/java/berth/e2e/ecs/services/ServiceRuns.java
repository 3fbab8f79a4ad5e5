package berth.e2e.ecs.services;

import static berth.e2e.ecs.TaskRuns.sleep;

import berth.agent.testing.TestImages;
import berth.e2e.AwsCli;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** Services on a real berth seen from the outside: the ECS API, the aws CLI and the docker CLI. */
final class ServiceRuns {
    static final String CLUSTER = "default";

    private ServiceRuns() {}

    static String busybox() {
        return TestImages.ensureBusybox();
    }

    static Service describe(EcsClient ecs, String service) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(service)).services().get(0);
    }

    /** Polls DescribeServices until {@code condition} holds. */
    static Service await(EcsClient ecs, String service, Predicate<Service> condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        Service last = describe(ecs, service);
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("service " + service + " did not " + what + " within " + timeout
                        + "; last: " + last);
            }
            sleep(Duration.ofMillis(200));
            last = describe(ecs, service);
        }
        return last;
    }

    /** {@code aws ecs wait services-stable} with the CLI v2; fails the test when it does not exit 0. */
    static void waitStable(URI endpoint, String service) throws Exception {
        AwsCli cli = AwsCli.installed().stream().filter(c -> {
            try {
                return c.version().startsWith("aws-cli/2");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(AwsCli.installed().get(0));
        AwsCli.Result result = cli.run(endpoint, "test", "test", "ecs", "wait", "services-stable", "--cluster",
                CLUSTER, "--services", service);
        if (result.exitCode() != 0) {
            throw new AssertionError("aws ecs wait services-stable failed (" + result.exitCode() + "): "
                    + result.stdout() + result.stderr());
        }
    }

    /** The tasks ListTasks gives for the service, described. */
    static List<Task> tasksOf(EcsClient ecs, String service) {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(service)).taskArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
    }
}
