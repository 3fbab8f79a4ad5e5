package berth.ecs.core;

/**
 * Where a task runs. EC2 tasks go on registered container instances; EXTERNAL tasks go on
 * instances registered with ECS Anywhere (they carry the {@code ecs.capability.external}
 * attribute); FARGATE tasks are never placed on container instances.
 */
public enum LaunchType {
    EC2,
    EXTERNAL,
    FARGATE
}
