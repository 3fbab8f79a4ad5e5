package berth.agent.loop;

import berth.agent.core.ContainerStateReport;
import berth.agent.core.TaskReport;
import berth.agentwire.AssignmentBatch;
import berth.agentwire.TaskObservation;
import java.util.Optional;

/**
 * The ECS control plane as an agent sees it: the public operations an ECS agent calls, and berth's
 * own assignment stream and observations. Every call throws {@link ControlPlaneException} when the
 * control plane cannot be reached or refuses.
 */
public interface ControlPlane extends AutoCloseable {

    /** RegisterContainerInstance; returns the container instance ARN. */
    String register(InstanceRegistration registration);

    /** DiscoverPollEndpoint: where to poll for assignments, when the control plane names a place. */
    Optional<String> discoverPollEndpoint(String cluster, String containerInstanceArn);

    /**
     * The tasks assigned to {@code containerInstance} once they changed after generation {@code since},
     * or after {@code waitSeconds} with the same content.
     */
    AssignmentBatch assignments(String cluster, String containerInstance, long since, int waitSeconds);

    /** SubmitTaskStateChange. */
    void submitTaskStateChange(TaskReport report);

    /** SubmitContainerStateChange. */
    void submitContainerStateChange(ContainerStateReport report);

    /** What the public state-change operations cannot carry: container health, the task's own address. */
    void observe(TaskObservation observation);

    /** Sends what the instance's running tasks use (protocol 1.1). */
    void reportUsage(berth.agentwire.UsageReport report);

    @Override
    void close();
}
