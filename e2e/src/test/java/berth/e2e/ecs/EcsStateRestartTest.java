package berth.e2e.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** Task definitions, container instances, attributes and tags survive a SIGKILL of berth. */
class EcsStateRestartTest {
    @TempDir
    Path home;

    @Test
    void stateSurvivesKillNine() throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, Map.of())) {
            String instanceArn;
            try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                ecs.createCluster(r -> r.clusterName("kept"));
                ecs.registerTaskDefinition(r -> r.family("kept-web").tags(t -> t.key("k").value("v"))
                        .containerDefinitions(c -> c.name("web").image("nginx").memory(64)));
                ecs.registerTaskDefinition(r -> r.family("kept-web")
                        .containerDefinitions(c -> c.name("web").image("nginx").memory(128)));
                ecs.deregisterTaskDefinition(r -> r.taskDefinition("kept-web:2"));
                instanceArn = ecs.registerContainerInstance(r -> r.cluster("kept")
                        .instanceIdentityDocument("{\"instanceId\":\"i-kept\",\"availabilityZone\":\"us-east-1a\","
                                + "\"instanceType\":\"t3.small\"}")
                        .totalResources(Resource.builder().name("CPU").type("INTEGER").integerValue(1024).build(),
                                Resource.builder().name("MEMORY").type("INTEGER").integerValue(1900).build()))
                        .containerInstance().containerInstanceArn();
                String arn = instanceArn;
                ecs.putAttributes(r -> r.cluster("kept").attributes(Attribute.builder().name("role").value("edge")
                        .targetId(arn).build()));
            }
            berth.kill9();
            berth.restart();
            try (EcsClient ecs = Clients.ecs(berth.endpoint())) {
                var latest = ecs.describeTaskDefinition(r -> r.taskDefinition("kept-web").include(TaskDefinitionField.TAGS));
                assertThat(latest.taskDefinition().revision()).isEqualTo(1);
                assertThat(latest.tags()).extracting(t -> t.key()).containsExactly("k");
                assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("kept-web:2")).taskDefinition().status())
                        .isEqualTo(TaskDefinitionStatus.INACTIVE);
                assertThat(ecs.registerTaskDefinition(r -> r.family("kept-web")
                        .containerDefinitions(c -> c.name("web").image("nginx").memory(64))).taskDefinition().revision())
                        .isEqualTo(3);
                assertThat(ecs.listContainerInstances(r -> r.cluster("kept").filter("attribute:role == edge"))
                        .containerInstanceArns()).containsExactly(instanceArn);
                assertThat(ecs.describeClusters(r -> r.clusters("kept").include(ClusterField.STATISTICS)).clusters()
                        .get(0).registeredContainerInstancesCount()).isEqualTo(1);
            }
        }
    }
}
