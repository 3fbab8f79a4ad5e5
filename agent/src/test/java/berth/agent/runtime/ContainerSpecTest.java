package berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {

    private static final ImageRef IMAGE = ImageRef.of("busybox");

    @Test
    void defaultsToTheImageAndEcsDefaults() {
        ContainerSpec spec = ContainerSpec.builder("web", IMAGE).build();

        assertThat(spec.command()).isEmpty();
        assertThat(spec.entryPoint()).isEmpty();
        assertThat(spec.networkMode()).isEqualTo(NetworkMode.bridge());
        assertThat(spec.healthCheck()).isEqualTo(HealthCheck.imageDefault());
        assertThat(spec.logConfiguration()).isEqualTo(LogConfiguration.jsonFile());
        assertThat(spec.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.resources()).isEqualTo(Resources.UNLIMITED);
        assertThat(spec.privileged()).isFalse();
    }

    @Test
    void roundTripsThroughItsBuilder() {
        ContainerSpec spec = ContainerSpec.builder("web", IMAGE).command("httpd", "-f").env("A", "1")
                .portMapping(PortMapping.dynamic(80)).mount(new Mount.Tmpfs("/t", 1)).label("k", "v").build();

        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    @Test
    void rejectsAliasesOutsideANamedNetwork() {
        assertThatThrownBy(() -> ContainerSpec.builder("web", IMAGE).networkAliases(List.of("web")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ContainerSpec.builder("web", IMAGE).networkMode(NetworkMode.named("n"))
                .networkAliases(List.of("web")).build().networkAliases()).containsExactly("web");
    }

    @Test
    void rejectsInvalidNamesAndPaths() {
        assertThatThrownBy(() -> ContainerSpec.builder("/web", IMAGE).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mount.Bind("relative", "/x", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resources(0, 0, 64, 128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheck.Command(List.of("true"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsEcsCpuUnitsToNanoCpus() {
        assertThat(Resources.nanoCpusOfUnits(512)).isEqualTo(500_000_000L);
        assertThat(Resources.nanoCpusOfUnits(4096)).isEqualTo(4_000_000_000L);
    }
}
