package berth.agent.loop;

import berth.agentwire.AssignmentBatch;

/** Where an agent loop's tasks come from: one container instance's assignments, or Fargate's. */
interface AssignmentSource {

    /**
     * The next batch: at once when the assignments changed after generation {@code since}, else after up
     * to {@code waitSeconds}. Throws {@link ControlPlaneException} when the control plane cannot answer.
     */
    AssignmentBatch next(long since, int waitSeconds);
}
