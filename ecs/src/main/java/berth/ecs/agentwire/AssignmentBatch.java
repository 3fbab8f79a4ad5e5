package berth.ecs.agentwire;

import java.util.List;

/**
 * The tasks assigned to one container instance at {@code generation} (a number that grows with every
 * change to them; pass it back as {@code since}).
 */
public record AssignmentBatch(long generation, List<TaskAssignment> tasks) {
    public static final int HEARTBEAT_TIMEOUT_SECONDS = 30;

    public AssignmentBatch {
        tasks = List.copyOf(tasks);
    }
}
