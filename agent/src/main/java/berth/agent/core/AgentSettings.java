package berth.agent.core;

import berth.agent.runtime.ImageRef;
import java.time.Duration;

/**
 * What the reconciler needs to know about the agent it decides for.
 *
 * @param agentId              the agent's stable id ({@code i-…}), labelled on everything it creates
 * @param containerInstanceArn the container instance it registered as, or {@code fargate}
 * @param controlPlane         the control plane's endpoint, labelled on everything it creates
 * @param cleanupWait          how long stopped containers stay on the host after their task stopped
 *                             (ECS {@code ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION})
 * @param awsvpcNetwork        the user-defined bridge network awsvpc tasks get their addresses on
 * @param pauseImage           the image of the container that holds an awsvpc task's network namespace
 * @param fargate              every task runs as Fargate runs it: awsvpc, task size enforced
 */
public record AgentSettings(String agentId, String containerInstanceArn, String controlPlane, Duration cleanupWait,
                            String awsvpcNetwork, ImageRef pauseImage, boolean fargate) {

    public static final String DEFAULT_AWSVPC_NETWORK = "berth-awsvpc";
    public static final ImageRef DEFAULT_PAUSE_IMAGE = ImageRef.of("berth/pause:1");
}
