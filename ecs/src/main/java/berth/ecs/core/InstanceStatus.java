package berth.ecs.core;

/** The lifecycle status of a container instance, as DescribeContainerInstances reports it. */
public enum InstanceStatus {
    REGISTERING,
    REGISTRATION_FAILED,
    ACTIVE,
    INACTIVE,
    DEREGISTERING,
    DRAINING
}
