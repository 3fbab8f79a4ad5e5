package berth.ecs.core.instance;

import berth.aws.Scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.ecs.core.HostPorts;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.ResourceTags;
import berth.ecs.core.TaskOnInstance;
import berth.ecs.core.placement.ClusterQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerInstanceTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final Scope SCOPE = new Scope("123456789012", "us-east-1");
    static final InstanceIdentity IDENTITY = new InstanceIdentity("i-0abc", "us-east-1", "us-east-1b", "m5.large",
            "x86_64", "ami-1", "10.0.0.5");

    static ContainerInstance registered() {
        return ContainerInstanceRegistration.register(SCOPE, "prod", "abc123", IDENTITY,
                new InstanceResources(2048, 7680, Set.of(22, 2375, 51678), Set.of()),
                new VersionInfo("1.80.0", "deadbeef", "25.0.0"),
                List.of(InstanceAttribute.named("com.amazonaws.ecs.capability.logging-driver.awslogs")),
                Map.of("team", "blue"), NOW);
    }

    @Test
    void registrationAddsTheAttributesEcsDerives() {
        ContainerInstance instance = registered();
        assertThat(instance.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/abc123");
        assertThat(instance.attributeMap()).containsEntry("ecs.availability-zone", "us-east-1b")
                .containsEntry("ecs.instance-type", "m5.large").containsEntry("ecs.os-type", "linux")
                .containsEntry("ecs.cpu-architecture", "x86_64").containsEntry("ecs.ami-id", "ami-1")
                .containsEntry("com.amazonaws.ecs.capability.logging-driver.awslogs", "");
        assertThat(instance.status()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(instance.agentConnected()).isTrue();
        assertThat(instance.remainingResources()).isEqualTo(instance.registeredResources());
        assertThat(instance.endpointAddress()).isEqualTo("10.0.0.5");
    }

    @Test
    void snapshotIsWhatPlacementAndQueriesSee() {
        ContainerInstance instance = registered()
                .withRemaining(registered().registeredResources().minus(512, 1024, HostPorts.tcp(8080)))
                .withTaskCounts(1, 0);
        InstanceSnapshot snapshot = instance.toSnapshot(List.of(new TaskOnInstance("service:web", "web")));
        assertThat(snapshot.remainingCpu()).isEqualTo(1536);
        assertThat(snapshot.remainingMemoryMiB()).isEqualTo(6656);
        assertThat(snapshot.reservedPorts().tcp()).contains(22, 8080);
        assertThat(snapshot.agentVersion()).isEqualTo("1.80.0");
        assertThat(ClusterQuery.parse("attribute:ecs.instance-type =~ m5.* and task:group == service:web")
                .matches(snapshot)).isTrue();
        assertThat(ClusterQuery.parse("runningTasksCount > 1").matches(snapshot)).isFalse();
    }

    @Test
    void reregistrationKeepsHeldResourcesCustomAttributesAndTags() {
        ContainerInstance busy = registered()
                .withRemaining(registered().registeredResources().minus(512, 1024, HostPorts.tcp(8080)))
                .withAttributes(InstanceAttributes.put(registered().attributes(),
                        List.of(new InstanceAttribute("stack", "prod"))))
                .withStatus(InstanceStatus.DRAINING, "")
                .withAgent(false, NOW);
        ContainerInstance fresh = ContainerInstanceRegistration.register(SCOPE, "prod", "abc123", IDENTITY,
                new InstanceResources(4096, 15360, Set.of(22), Set.of()), VersionInfo.none(), List.of(), Map.of(),
                NOW.plusSeconds(60));
        ContainerInstance again = busy.reregistered(fresh);
        assertThat(again.remainingResources().cpu()).isEqualTo(4096 - 512);
        assertThat(again.remainingResources().tcpPorts()).containsExactlyInAnyOrder(22, 8080);
        assertThat(again.attribute("stack")).contains("prod");
        assertThat(again.tags()).containsEntry("team", "blue");
        assertThat(again.agentConnected()).isTrue();
        assertThat(again.registeredAt()).isEqualTo(NOW);
    }

    @Test
    void attributeRules() {
        List<InstanceAttribute> attributes = new ArrayList<>(registered().attributes());
        for (int i = 0; i < 10; i++) {
            attributes = InstanceAttributes.put(attributes, List.of(new InstanceAttribute("custom" + i, "v")));
        }
        List<InstanceAttribute> full = attributes;
        assertThatThrownBy(() -> InstanceAttributes.put(full, List.of(InstanceAttribute.named("one-too-many"))))
                .isInstanceOf(InstanceAttributes.AttributeLimitException.class);
        assertThat(InstanceAttributes.put(full, List.of(new InstanceAttribute("custom1", "changed"))))
                .contains(new InstanceAttribute("custom1", "changed"));
        assertThatThrownBy(() -> InstanceAttributes.put(full, List.of(new InstanceAttribute("bad name", ""))))
                .isInstanceOf(InstanceAttributes.InvalidAttributeException.class);
        assertThatThrownBy(() -> InstanceAttributes.put(List.of(), List.of(new InstanceAttribute("a", " padded"))))
                .isInstanceOf(InstanceAttributes.InvalidAttributeException.class);
        assertThat(InstanceAttributes.delete(full, List.of("custom0"))).hasSize(full.size() - 1);
    }

    @Test
    void tagRules() {
        assertThat(ResourceTags.merged(Map.of("a", "1"), Map.of("b", "2"))).containsOnlyKeys("a", "b");
        assertThatThrownBy(() -> ResourceTags.checked(Map.of("AWS:owner", "x")))
                .hasMessage("Tag keys starting with 'aws:' are reserved for internal use.");
        Map<String, String> fifty = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        assertThatThrownBy(() -> ResourceTags.merged(fifty, Map.of("k50", "v")))
                .hasMessage("A resource can have at most 50 tags.");
        assertThat(ResourceTags.without(fifty, List.of("k1", "missing"))).hasSize(49);
    }
}
