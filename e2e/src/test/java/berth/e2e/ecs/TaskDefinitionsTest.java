package berth.e2e.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** Task definitions through the AWS SDK for Java v2: revisions, addressing, listing, deletion and ECS's validation. */
@BerthTest
class TaskDefinitionsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";
    private final EcsClient ecs;

    TaskDefinitionsTest(EcsClient ecs) {
        this.ecs = ecs;
    }

    private TaskDefinition register(String family, Consumer<RegisterTaskDefinitionRequest.Builder> extra) {
        return ecs.registerTaskDefinition(r -> {
            r.family(family).containerDefinitions(c -> c.name("web").image("nginx:1.27").memory(128)
                    .portMappings(p -> p.containerPort(80)));
            extra.accept(r);
        }).taskDefinition();
    }

    @Test
    void revisionsAreNumberedAndAddressedByFamilyRevisionAndArn() {
        TaskDefinition first = register("rev-web", r -> { });
        TaskDefinition second = register("rev-web", r -> r.tags(t -> t.key("team").value("blue")));
        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/rev-web:2");
        assertThat(second.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(second.compatibilities()).containsExactly(Compatibility.EXTERNAL, Compatibility.EC2);
        assertThat(second.registeredBy()).isEqualTo("arn:aws:iam::000000000000:root");
        ContainerDefinition web = second.containerDefinitions().get(0);
        assertThat(web.essential()).isTrue();
        assertThat(web.cpu()).isZero();
        assertThat(web.portMappings().get(0).hostPort()).isZero();
        assertThat(web.portMappings().get(0).protocolAsString()).isEqualTo("tcp");

        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("rev-web")).taskDefinition().revision()).isEqualTo(2);
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("rev-web:1")).taskDefinition()).isEqualTo(first);
        var described = ecs.describeTaskDefinition(r -> r.taskDefinition(second.taskDefinitionArn())
                .include(TaskDefinitionField.TAGS));
        assertThat(described.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=blue");
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(second.taskDefinitionArn())).tags()).hasSize(1);

        TaskDefinition inactive = ecs.deregisterTaskDefinition(r -> r.taskDefinition("rev-web:2")).taskDefinition();
        assertThat(inactive.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(inactive.deregisteredAt()).isNotNull();
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("rev-web")).taskDefinition().revision())
                .as("the family alone means its latest ACTIVE revision").isEqualTo(1);
        assertThat(register("rev-web", r -> { }).revision()).as("revisions are never reused").isEqualTo(3);

        assertThatThrownBy(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("rev-web")))
                .isInstanceOf(ClientException.class).hasMessageContaining("Invalid revision number. Number: rev-web");
        assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition("no-such-family")))
                .isInstanceOf(ClientException.class).hasMessageContaining("Unable to describe task definition.");
    }

    @Test
    void deleteNeedsDeregistrationFirst() {
        TaskDefinition definition = register("del-web", r -> { });
        DeleteTaskDefinitionsResponse refused = ecs.deleteTaskDefinitions(r -> r.taskDefinitions("del-web:1"));
        assertThat(refused.taskDefinitions()).isEmpty();
        assertThat(refused.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo(definition.taskDefinitionArn());
            assertThat(f.detail()).contains("still in ACTIVE status");
        });
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("del-web:1"));
        DeleteTaskDefinitionsResponse deleted = ecs.deleteTaskDefinitions(r -> r.taskDefinitions("del-web:1", "del-web:9"));
        assertThat(deleted.taskDefinitions()).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS));
        assertThat(deleted.failures()).singleElement().satisfies(f -> assertThat(f.arn()).isEqualTo("del-web:9"));
        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("del-web").status(TaskDefinitionStatus.DELETE_IN_PROGRESS))
                .taskDefinitionArns()).containsExactly(definition.taskDefinitionArn());
    }

    @Test
    void listingFiltersSortsAndPages() {
        for (int i = 0; i < 3; i++) {
            register("list-a", r -> { });
            register("list-b", r -> { });
        }
        register("other-c", r -> { });
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("other-c:1"));

        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("list-a")).taskDefinitionArns())
                .extracting(a -> a.substring(a.indexOf('/') + 1)).containsExactly("list-a:1", "list-a:2", "list-a:3");
        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("list-a").sort(SortOrder.DESC)).taskDefinitionArns())
                .extracting(a -> a.substring(a.indexOf('/') + 1)).containsExactly("list-a:3", "list-a:2", "list-a:1");
        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("list")).taskDefinitionArns())
                .as("familyPrefix names a whole family").isEmpty();

        List<String> pagedDescending = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = ecs.listTaskDefinitions(r -> r.sort(SortOrder.DESC).maxResults(2).nextToken(t));
            pagedDescending.addAll(page.taskDefinitionArns());
            token = page.nextToken();
        } while (token != null);
        List<String> mine = pagedDescending.stream().map(a -> a.substring(a.indexOf('/') + 1))
                .filter(a -> a.startsWith("list-")).toList();
        assertThat(mine).containsExactly("list-b:3", "list-b:2", "list-b:1", "list-a:3", "list-a:2", "list-a:1");
        assertThat(ecs.listTaskDefinitionsPaginator(r -> r.maxResults(1)).taskDefinitionArns().stream()
                .filter(a -> a.contains("/list-")).count()).isEqualTo(6);

        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("list-")).families())
                .containsExactly("list-a", "list-b");
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("other").status(TaskDefinitionFamilyStatus.INACTIVE))
                .families()).containsExactly("other-c");
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("other")).families()).isEmpty();
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("other").status(TaskDefinitionFamilyStatus.ALL))
                .families()).containsExactly("other-c");
    }

    @Test
    void fargateDefinitionsAreValidatedAndConvertedLikeEcs() {
        TaskDefinition fargate = ecs.registerTaskDefinition(r -> r.family("fg-web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu(".5 vCPU").memory("1 GB").executionRoleArn(ROLE)
                .containerDefinitions(c -> c.name("web").image("nginx").portMappings(p -> p.containerPort(8080))
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(java.util.Map.of(
                                "awslogs-group", "/ecs/fg-web", "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", "web"))))).taskDefinition();
        assertThat(fargate.cpu()).isEqualTo("512");
        assertThat(fargate.memory()).isEqualTo("1024");
        assertThat(fargate.compatibilities()).containsExactly(Compatibility.EC2, Compatibility.FARGATE);
        assertThat(fargate.containerDefinitions().get(0).portMappings().get(0).hostPort()).isEqualTo(8080);
        assertThat(fargate.requiresAttributes()).extracting(a -> a.name()).contains("ecs.capability.task-eni");

        rejected(ClientException.class, "No Fargate configuration exists for given values: 512 CPU, 512 memory. See the"
                + " Amazon ECS documentation for the valid values.", r -> r.family("fg-bad")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("512").memory("512")
                .containerDefinitions(c -> c.name("web").image("nginx")));
        rejected(ClientException.class, "Fargate requires task definition to have execution role ARN to support log"
                + " driver awslogs.", r -> r.family("fg-bad").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image("nginx").logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS)
                        .options(java.util.Map.of("awslogs-group", "g", "awslogs-region", "us-east-1")))));
        rejected(ClientException.class, "Fargate only supports network mode \u2018awsvpc\u2019.", r -> r.family("fg-bad")
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image("nginx")));
        rejected(ClientException.class, "Invalid 'cpu' setting for task.", r -> r.family("fg-bad").cpu("a lot")
                .containerDefinitions(c -> c.name("web").image("nginx").memory(64)));
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("fg-bad")).families())
                .as("refused definitions leave nothing behind").isEmpty();
    }

    @Test
    void containerRulesAnswerWithEcsMessages() {
        rejected(ClientException.class, "Invalid setting for container 'web'. At least one of 'memory' or"
                + " 'memoryReservation' must be specified.", r -> r.family("bad")
                .containerDefinitions(c -> c.name("web").image("nginx")));
        rejected(ClientException.class, "The 'memory' setting for container 'web' is greater than for the task.",
                r -> r.family("bad").memory("256").containerDefinitions(c -> c.name("web").image("nginx").memory(512)));
        rejected(ClientException.class, "When networkMode=awsvpc, the host ports and container ports in port mappings"
                + " must match.", r -> r.family("bad").networkMode(NetworkMode.AWSVPC).containerDefinitions(c -> c
                .name("web").image("nginx").memory(64).portMappings(p -> p.containerPort(80).hostPort(8080))));
        rejected(ClientException.class, "Container names must be unique within a Task Definition.", r -> r.family("bad")
                .containerDefinitions(c -> c.name("web").image("nginx").memory(64),
                        c -> c.name("web").image("nginx").memory(64)));
        rejected(ClientException.class, "Task definition doesn't have any essential container.", r -> r.family("bad")
                .containerDefinitions(c -> c.name("web").image("nginx").memory(64).essential(false)));
        rejected(ClientException.class, "Cannot depend on container + 'db' because it does not exist", r -> r.family("bad")
                .containerDefinitions(c -> c.name("web").image("nginx").memory(64)
                        .dependsOn(d -> d.containerName("db").condition("START"))));
        rejected(ClientException.class, "Invalid 'healthCheck' setting for container 'web'. 'interval' must be between 5"
                + " and 300.", r -> r.family("bad").containerDefinitions(c -> c.name("web").image("nginx").memory(64)
                .healthCheck(h -> h.command("CMD", "true").interval(1))));
        rejected(InvalidParameterException.class, "Tag keys starting with 'aws:' are reserved for internal use.",
                r -> r.family("bad").tags(t -> t.key("aws:team").value("x"))
                        .containerDefinitions(c -> c.name("web").image("nginx").memory(64)));
        rejected(ClientException.class, "Family contains invalid characters.", r -> r.family("bad family!")
                .containerDefinitions(c -> c.name("web").image("nginx").memory(64)));
    }

    private void rejected(Class<? extends EcsException> type, String message,
                          Consumer<RegisterTaskDefinitionRequest.Builder> request) {
        assertThatThrownBy(() -> ecs.registerTaskDefinition(request))
                .isInstanceOf(type)
                .satisfies(e -> assertThat(((EcsException) e).awsErrorDetails().errorMessage()).isEqualTo(message));
    }
}
