package berth.agent.core;

import java.util.Optional;

/**
 * Why a container never ran or stopped outside the engine's knowledge, with ECS's reason text
 * ({@code CannotPullContainerError: …}) and the exit code ECS reports for it, if any.
 *
 * @param stopsTask whether the failure stops the whole task even when the container is not essential
 *                  (an image that cannot be pulled does)
 */
public record ContainerFailure(String reason, Optional<Integer> exitCode, boolean stopsTask) {

    /** Exit code ECS reports for a container stopped because its dependencies cannot be met: SIGTERM's. */
    public static final int DEPENDENCY_EXIT_CODE = 143;
}
