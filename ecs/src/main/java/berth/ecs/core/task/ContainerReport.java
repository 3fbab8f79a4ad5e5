package berth.ecs.core.task;

import java.util.List;
import java.util.Objects;

/**
 * What an agent reported of one container (SubmitContainerStateChange, or a container of
 * SubmitTaskStateChange): empty text and an empty binding list mean "not reported"; {@code exitCode}
 * counts only when {@code exited}.
 */
public record ContainerReport(String containerName, String runtimeId, ContainerStatus status, boolean exited,
                              int exitCode, String reason, String imageDigest, List<NetworkBinding> networkBindings) {
    public ContainerReport {
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(runtimeId, "runtimeId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(imageDigest, "imageDigest");
        networkBindings = List.copyOf(networkBindings);
    }
}
