package berth.agent.core;

import berth.agent.runtime.NetworkBinding;
import java.util.List;
import java.util.Optional;

/**
 * One container's state as the agent reports it to ECS (SubmitTaskStateChange's {@code containers},
 * SubmitContainerStateChange).
 *
 * @param runtimeId   the engine's container id, empty when the container was never created
 * @param status      PENDING, RUNNING or STOPPED
 * @param reason      why the container stopped when that was not a plain exit, else empty
 * @param imageDigest the {@code sha256:…} manifest digest the image was pulled by, empty when unknown
 */
public record ContainerReport(String containerName, String runtimeId, String status, Optional<Integer> exitCode,
                              String reason, List<NetworkBinding> networkBindings, String imageDigest) {

    public ContainerReport {
        networkBindings = List.copyOf(networkBindings);
    }

    /** Whether {@code other} says something new about the container that ECS should hear. */
    public boolean differsFrom(ContainerReport other) {
        return !status.equals(other.status) || !exitCode.equals(other.exitCode) || !reason.equals(other.reason)
                || !runtimeId.equals(other.runtimeId) || !networkBindings.equals(other.networkBindings);
    }
}
