package berth.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.agent.runtime.ImageRef;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.RuntimeContract;
import berth.agent.runtime.RuntimeFailure;
import berth.agent.testing.TestImages;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Runtime contract on the Docker Engine at {@code DOCKER_HOST} (default
 * {@code unix:///var/run/docker.sock}). Fails, rather than skips, when no engine answers.
 */
class DockerRuntimeTest extends RuntimeContract {

    @Override
    protected Runtime runtime() {
        return DockerRuntime.connect();
    }

    @Override
    protected ImageRef busyboxImage() {
        return ImageRef.of(TestImages.ensureBusybox());
    }

    @Test
    void reportsAnEngineThatDoesNotAnswer() {
        try (DockerRuntime nowhere = DockerRuntime.connect(URI.create("unix:///nonexistent/docker.sock"))) {
            assertThatThrownBy(nowhere::info)
                    .isInstanceOf(RuntimeFailure.EngineUnavailable.class)
                    .hasMessageContaining("unix:///nonexistent/docker.sock");
        }
    }

    @Test
    void labelFiltersMatchAnyValueWhenTheValueIsEmpty() {
        assertThat(DockerRuntime.labelFilters(Map.of("a", "1", "b", "")))
                .containsExactly("a=1", "b");
    }
}
