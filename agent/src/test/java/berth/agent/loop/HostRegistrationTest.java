package berth.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.EngineInfo;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A host registers its capacity, ECS's reserved ports and its capabilities. */
class HostRegistrationTest {

    private static final EngineInfo ENGINE = new EngineInfo("20.10.24", "1.41", "Debian", "linux", "x86_64", "6.1",
            4, 8192, List.of("json-file", "syslog", "local"));

    private static AgentConfig config(Optional<Integer> cpu, Optional<Long> memory) {
        return new AgentConfig("prod", new AwsEndpoint(URI.create("http://127.0.0.1:4566"), "eu-west-1", "test", "test"),
                cpu, memory, "edge-1", "", Map.of("stack", "blue"), Path.of("/tmp/unused"), Duration.ofHours(1), 4,
                Optional.empty());
    }

    @Test
    void registersTheHostsCapacityLessTheReserveAndEcsReservedPorts() {
        InstanceRegistration r = HostRegistration.of(config(Optional.empty(), Optional.empty()), ENGINE,
                "i-0123456789abcdef0", Optional.empty(), Optional.empty());

        assertThat(r.cpuUnits()).isEqualTo(4096);
        assertThat(r.memoryMiB()).isEqualTo(8192 - 256);
        assertThat(r.reservedTcpPorts()).containsExactly("22", "2375", "2376", "51678", "51679");
        assertThat(r.reservedUdpPorts()).isEmpty();
        assertThat(r.identityDocument()).contains("\"instanceId\":\"i-0123456789abcdef0\"")
                .contains("\"availabilityZone\":\"eu-west-1a\"").contains("\"instanceType\":\"berth.local\"");
        assertThat(r.attributes()).containsEntry("stack", "blue")
                .containsKey("com.amazonaws.ecs.capability.docker-remote-api.1.17")
                .containsKey("com.amazonaws.ecs.capability.docker-remote-api.1.41")
                .doesNotContainKey("com.amazonaws.ecs.capability.docker-remote-api.1.42")
                .containsKey("com.amazonaws.ecs.capability.logging-driver.syslog");
        assertThat(r.tags()).containsEntry("Name", "edge-1");
    }

    @Test
    void anEc2InstanceRegistersTheDocumentOfItsMetadataService() throws Exception {
        var document = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"instanceId\":\"i-0abc\",\"instanceType\":\"t3.small\",\"availabilityZone\":\"eu-west-1b\","
                        + "\"privateIp\":\"10.0.1.4\",\"endpoint\":\"192.0.2.7\"}");
        InstanceRegistration r = HostRegistration.of(config(Optional.of(2048), Optional.of(2048L)), ENGINE, "i-0abc",
                Optional.empty(), Optional.of(document));

        assertThat(r.identityDocument()).contains("\"instanceType\":\"t3.small\"").contains("\"availabilityZone\":\"eu-west-1b\"")
                .contains("\"endpoint\":\"192.0.2.7\"");
        assertThat(r.cpuUnits()).isEqualTo(2048);
    }

    @Test
    void declaredCapacityReplacesTheHosts() {
        InstanceRegistration r = HostRegistration.of(config(Optional.of(1536), Optional.of(700L)), ENGINE, "i-1",
                Optional.of("arn:aws:ecs:eu-west-1:000000000000:container-instance/prod/abc"), Optional.empty());

        assertThat(r.cpuUnits()).isEqualTo(1536);
        assertThat(r.memoryMiB()).isEqualTo(700);
        assertThat(r.containerInstanceArn()).contains("arn:aws:ecs:eu-west-1:000000000000:container-instance/prod/abc");
    }
}
