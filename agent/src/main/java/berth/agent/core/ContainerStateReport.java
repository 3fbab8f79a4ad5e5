package berth.agent.core;

/** A change of one container that does not change its task's status: SubmitContainerStateChange. */
public record ContainerStateReport(String cluster, String taskArn, ContainerReport container) {}
