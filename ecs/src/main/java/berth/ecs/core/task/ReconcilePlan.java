package berth.ecs.core.task;

import java.util.List;
import java.util.Objects;

/** What one reconciliation pass decided to do, in order; each action is applied on its own. */
public record ReconcilePlan(List<Action> actions) {
    public ReconcilePlan {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** One change to make; keys are store keys ({@code account/region/cluster/id}). */
    public sealed interface Action {}

    /** Stop a task with no agent to act: its host is gone, or it never started. */
    public record StopWithoutAgent(String taskKey, StopCode code, String reason) implements Action {
        public StopWithoutAgent {
            Objects.requireNonNull(taskKey, "taskKey");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Take the step the control plane owns (ACTIVATING, DEACTIVATING or DEPROVISIONING onwards). */
    public record Advance(String taskKey) implements Action {}

    /** Forget a task stopped longer than the retention, if it is still the version seen. */
    public record Forget(String taskKey, long storeVersion) implements Action {}

    /** Recompute an instance's remaining resources and task counts from its tasks. */
    public record Reaccount(String instanceKey) implements Action {}

    /** Mark an instance's agent disconnected: it stopped polling. */
    public record Disconnect(String instanceKey) implements Action {}

    /** Mark a cluster's Fargate capacity disconnected: no runner polls it. */
    public record DisconnectCapacity(String capacityKey) implements Action {}

    /** Forget an expired client token. */
    public record ExpireToken(String tokenKey) implements Action {}
}
