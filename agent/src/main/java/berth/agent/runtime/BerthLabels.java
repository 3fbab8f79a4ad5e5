package berth.agent.runtime;

/**
 * Label keys berth puts on every container, network and volume it creates, so that a restarted agent
 * finds and adopts what it started ({@link Runtime#list}) and leaves everything else alone.
 */
public final class BerthLabels {

    /** {@code true} on everything berth created. */
    public static final String MANAGED = "berth.managed";
    /** The ARN of the task a container belongs to. */
    public static final String TASK_ARN = "berth.task-arn";
    /** The container's name in its task definition. */
    public static final String CONTAINER_NAME = "berth.container-name";
    /** The ARN of the container instance that created the container. */
    public static final String INSTANCE = "berth.instance";
    /** The cluster of the task. */
    public static final String CLUSTER = "berth.cluster";
    /**
     * The agent that created the container: its EC2-style instance id, stable across the agent's
     * restarts and re-registrations, so each agent sharing an engine touches only its own containers.
     */
    public static final String AGENT = "berth.agent";
    /** The endpoint of the control plane the agent serves, so a platform reset finds what it ran. */
    public static final String CONTROL_PLANE = "berth.control-plane";
    /** The task-scoped volumes a container mounts, comma-separated, removed with its task. */
    public static final String TASK_VOLUMES = "berth.task-volumes";

    private BerthLabels() {}
}
