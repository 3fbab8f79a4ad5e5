package berth.ecs.core.taskdef;

/**
 * The lifecycle of a task definition revision: ACTIVE until deregistered, then INACTIVE (tasks and
 * services that use it keep running, no new ones start), then DELETE_IN_PROGRESS once deleted.
 */
public enum TaskDefinitionStatus {
    ACTIVE, INACTIVE, DELETE_IN_PROGRESS
}
