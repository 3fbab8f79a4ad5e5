package berth.ecs;

import berth.aws.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * Tasks' status changes (last or desired status), for modules that publish them on (EventBridge's
 * "ECS Task State Change"): published by the ECS module, {@code platform.lookup(TaskStateChanges.class)}.
 * Each change is told once per running berth, after it is committed, in commit order per task.
 */
public interface TaskStateChanges {

    /**
     * @param task the task as DescribeTasks answers it (what AWS puts in the event's detail)
     */
    record TaskStateChange(Scope scope, String taskArn, String clusterArn, String lastStatus, String desiredStatus,
                           JsonNode task) {}

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    Subscription subscribe(Consumer<TaskStateChange> listener);
}
