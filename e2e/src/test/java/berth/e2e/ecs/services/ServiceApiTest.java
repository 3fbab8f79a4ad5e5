package berth.e2e.ecs.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import berth.junit5.BerthTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/** The service API's answers that need no task to run: listing, paging, tags, and ECS's refusals. */
@BerthTest
class ServiceApiTest {
    private static final String CLUSTER = "services-api";
    private final EcsClient ecs;

    ServiceApiTest(EcsClient ecs) {
        this.ecs = ecs;
    }

    @BeforeAll
    static void cluster(EcsClient ecs) {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        ecs.registerTaskDefinition(r -> r.family("api-svc").containerDefinitions(c -> c.name("app").image("busybox")
                .memory(16)));
    }

    @Test
    void servicesAreListedInPagesAndFilteredByLaunchType() {
        for (String name : List.of("a", "b", "c")) {
            ecs.createService(r -> r.cluster(CLUSTER).serviceName("list-" + name).taskDefinition("api-svc")
                    .desiredCount(0));
        }
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListServicesResponse page = ecs.listServices(r -> r.cluster(CLUSTER).maxResults(2).nextToken(next));
            assertThat(page.serviceArns().size()).isLessThanOrEqualTo(2);
            arns.addAll(page.serviceArns());
            token = page.nextToken();
        } while (token != null);
        assertThat(arns).contains("arn:aws:ecs:us-east-1:000000000000:service/" + CLUSTER + "/list-a",
                "arn:aws:ecs:us-east-1:000000000000:service/" + CLUSTER + "/list-b",
                "arn:aws:ecs:us-east-1:000000000000:service/" + CLUSTER + "/list-c").doesNotHaveDuplicates();
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER).launchType("FARGATE")).serviceArns()).isEmpty();
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER).launchType("EC2")).serviceArns()).hasSameSizeAs(arns);
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER).schedulingStrategy(SchedulingStrategy.DAEMON))
                .serviceArns()).isEmpty();
        long active = ecs.describeServices(r -> r.cluster(CLUSTER).services(arns)).services().stream()
                .filter(s -> s.status().equals("ACTIVE")).count();
        assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).activeServicesCount())
                .isEqualTo((int) active);
    }

    @Test
    void describeServicesIncludesTagsOnRequestAndReportsMissingOnes() {
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("tagged").taskDefinition("api-svc").desiredCount(0)
                .tags(t -> t.key("team").value("web")));
        var plain = ecs.describeServices(r -> r.cluster(CLUSTER).services("tagged", "nope"));
        assertThat(plain.services()).singleElement().satisfies(s -> assertThat(s.tags()).isEmpty());
        assertThat(plain.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("MISSING");
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/" + CLUSTER + "/nope");
        });
        Service tagged = ecs.describeServices(r -> r.cluster(CLUSTER).services("tagged").include(ServiceField.TAGS))
                .services().get(0);
        assertThat(tagged.tags()).singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value())
                .isEqualTo("team=web"));
        ecs.tagResource(r -> r.resourceArn(tagged.serviceArn()).tags(t -> t.key("tier").value("1")));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(tagged.serviceArn())).tags()).hasSize(2);
    }

    @Test
    void refusesWhatEcsRefuses() {
        InvalidParameterException daemon = assertThrows(InvalidParameterException.class, () -> ecs.createService(r -> r
                .cluster(CLUSTER).serviceName("daemon").taskDefinition("api-svc")
                .schedulingStrategy(SchedulingStrategy.DAEMON)));
        assertThat(daemon.awsErrorDetails().errorMessage()).contains("DAEMON");

        ecs.createService(r -> r.cluster(CLUSTER).serviceName("twice").taskDefinition("api-svc").desiredCount(1));
        InvalidParameterException twice = assertThrows(InvalidParameterException.class, () -> ecs.createService(r -> r
                .cluster(CLUSTER).serviceName("twice").taskDefinition("api-svc").desiredCount(2)));
        assertThat(twice.awsErrorDetails().errorMessage()).isEqualTo("Creation of service was not idempotent.");

        String unplaced = "(service twice) was unable to place a task because no container instance met all of its"
                + " requirements. Reason: No Container Instances were found in your cluster.";
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        List<String> events = List.of();
        while (!events.contains(unplaced) && java.time.Instant.now().isBefore(deadline)) {
            berth.e2e.ecs.TaskRuns.sleep(java.time.Duration.ofMillis(200));
            events = ecs.describeServices(r -> r.cluster(CLUSTER).services("twice")).services().get(0).events()
                    .stream().map(e -> e.message()).toList();
        }
        assertThat(events).as("told once, however many passes fail").containsOnlyOnce(unplaced);

        InvalidParameterException scaled = assertThrows(InvalidParameterException.class,
                () -> ecs.deleteService(r -> r.cluster(CLUSTER).service("twice")));
        assertThat(scaled.awsErrorDetails().errorMessage())
                .isEqualTo("The service cannot be stopped while it is scaled above 0.");
        // its task could not be placed, so there is nothing to drain
        assertThat(ecs.deleteService(r -> r.cluster(CLUSTER).service("twice").force(true)).service().status())
                .isEqualTo("INACTIVE");
        assertThrows(ServiceNotActiveException.class,
                () -> ecs.updateService(r -> r.cluster(CLUSTER).service("twice").desiredCount(1)));
        assertThrows(ServiceNotFoundException.class,
                () -> ecs.updateService(r -> r.cluster(CLUSTER).service("never").desiredCount(1)));

        InvalidParameterException percent = assertThrows(InvalidParameterException.class, () -> ecs.createService(r -> r
                .cluster(CLUSTER).serviceName("percent").taskDefinition("api-svc").desiredCount(1)
                .deploymentConfiguration(c -> c.maximumPercent(50))));
        assertThat(percent.awsErrorDetails().errorMessage()).contains("maximumPercent");
    }
}
