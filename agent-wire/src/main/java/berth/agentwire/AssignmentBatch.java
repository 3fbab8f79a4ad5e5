package berth.agentwire;

import java.util.List;

/**
 * The tasks assigned to one container instance (or one Fargate runner) at {@code generation}, a
 * number that grows with every change to them; the agent passes it back as {@code since}.
 */
public record AssignmentBatch(long generation, List<AssignedTask> tasks) {
    public AssignmentBatch {
        tasks = WireValues.list(tasks);
    }
}
