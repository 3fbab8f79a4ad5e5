package berth.agent.core;

import java.time.Instant;

/**
 * The agent's own decision to stop a task that is still desired RUNNING: an essential container
 * exited or a container could not be started.
 *
 * @param stopCode ECS's code: {@code EssentialContainerExited} or {@code TaskFailedToStart}
 * @param reason   the task's stoppedReason as ECS writes it
 */
public record StopDecision(String stopCode, String reason, Instant decidedAt) {

    public static final String ESSENTIAL_CONTAINER_EXITED = "EssentialContainerExited";
    public static final String TASK_FAILED_TO_START = "TaskFailedToStart";
}
