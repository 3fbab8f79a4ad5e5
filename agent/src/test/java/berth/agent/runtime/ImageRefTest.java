package berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageRefTest {

    @Test
    void defaultsToTheLatestTag() {
        assertThat(ImageRef.of("nginx")).isEqualTo(new ImageRef("nginx", "latest", ""));
        assertThat(ImageRef.of("nginx").reference()).isEqualTo("nginx:latest");
    }

    @Test
    void separatesTagsFromRegistryPorts() {
        ImageRef ref = ImageRef.of("localhost:5000/team/app:1.2");
        assertThat(ref).isEqualTo(new ImageRef("localhost:5000/team/app", "1.2", ""));
        assertThat(ref.registry()).isEqualTo("localhost:5000");
        assertThat(ImageRef.of("localhost:5000/app").tag()).isEqualTo("latest");
    }

    @Test
    void pinsByDigest() {
        String digest = "sha256:" + "a".repeat(64);
        ImageRef ref = ImageRef.of("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1@" + digest);
        assertThat(ref.digest()).isEqualTo(digest);
        assertThat(ref.tag()).isEmpty();
        assertThat(ref.reference()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@" + digest);
        assertThat(ref.registry()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
    }

    @Test
    void treatsDockerHubNamespacesAsNoRegistry() {
        assertThat(ImageRef.of("library/busybox:1").registry()).isEmpty();
        assertThat(ImageRef.of("busybox").registry()).isEmpty();
    }

    @Test
    void rejectsABlankRepository() {
        assertThatThrownBy(() -> ImageRef.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
