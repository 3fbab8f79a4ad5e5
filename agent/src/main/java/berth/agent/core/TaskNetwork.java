package berth.agent.core;

import berth.ecs.agentwire.TaskAssignment;
import berth.ecs.core.taskdef.NetworkMode;
import berth.ecs.core.taskdef.TaskDefinition;

/** How a task's containers are networked on this host. */
public enum TaskNetwork {
    BRIDGE, HOST, NONE, AWSVPC;

    /** The task's network: its definition's mode, and always awsvpc on Fargate. */
    public static TaskNetwork of(TaskAssignment task, AgentSettings settings) {
        if (settings.fargate() || TaskDefinition.FARGATE.equals(task.launchType())) {
            return AWSVPC;
        }
        NetworkMode mode = task.taskDefinition().effectiveNetworkMode();
        return switch (mode) {
            case BRIDGE -> BRIDGE;
            case HOST -> HOST;
            case NONE -> NONE;
            case AWSVPC -> AWSVPC;
        };
    }
}
