package berth.agent.core;

import berth.agentwire.AssignedTask;

/** How a task's containers are networked on this host. */
public enum TaskNetwork {
    BRIDGE, HOST, NONE, AWSVPC;

    /** The task's network: its definition's mode, and always awsvpc on Fargate. */
    public static TaskNetwork of(AssignedTask task, AgentSettings settings) {
        if (settings.fargate() || AssignedTask.FARGATE.equals(task.launchType())) {
            return AWSVPC;
        }
        return switch (task.networkMode()) {
            case AssignedTask.HOST -> HOST;
            case AssignedTask.NONE -> NONE;
            case AssignedTask.AWSVPC -> AWSVPC;
            default -> BRIDGE;
        };
    }
}
