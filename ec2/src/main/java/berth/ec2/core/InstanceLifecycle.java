package berth.ec2.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How instances move between EC2's states: what Start, Stop and Terminate ask of an instance in each
 * state (empty: nothing changes; refused: IncorrectInstanceState), and the reasons EC2 gives.
 */
public final class InstanceLifecycle {
    public static final String USER_SHUTDOWN = "Client.UserInitiatedShutdown";
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'")
            .withZone(ZoneOffset.UTC);

    private InstanceLifecycle() {}

    /** StopInstances: a pending or running instance starts stopping; a stopping or stopped one stays as it is. */
    public static Optional<Instance> stop(Instance instance, Instant now) {
        return switch (instance.state()) {
            case PENDING, RUNNING -> Optional.of(instance.inState(InstanceState.STOPPING, USER_SHUTDOWN,
                    USER_SHUTDOWN + ": User initiated shutdown", userInitiated(now), now));
            case STOPPING, STOPPED -> Optional.empty();
            case SHUTTING_DOWN, TERMINATED -> throw incorrectState(instance, "stop");
        };
    }

    /** StartInstances: a stopped instance is pending again; a pending or running one stays as it is. */
    public static Optional<Instance> start(Instance instance, Instant now) {
        return switch (instance.state()) {
            case STOPPED -> Optional.of(instance.inState(InstanceState.PENDING, "", "", "", now));
            case PENDING, RUNNING -> Optional.empty();
            case STOPPING, SHUTTING_DOWN, TERMINATED -> throw incorrectState(instance, "start");
        };
    }

    /** TerminateInstances: any instance not yet shutting down starts shutting down. */
    public static Optional<Instance> terminate(Instance instance, Instant now) {
        return switch (instance.state()) {
            case SHUTTING_DOWN, TERMINATED -> Optional.empty();
            default -> Optional.of(instance.inState(InstanceState.SHUTTING_DOWN, USER_SHUTDOWN,
                    USER_SHUTDOWN + ": User initiated shutdown", userInitiated(now), now));
        };
    }

    /** The settled state the machine loop reached for an instance on its way. */
    public static Instance settled(Instance instance, Instant now) {
        return switch (instance.state()) {
            case PENDING -> instance.inState(InstanceState.RUNNING, "", "", "", now);
            case STOPPING -> instance.inState(InstanceState.STOPPED, instance.stateReasonCode(), instance.stateReasonMessage(),
                    instance.stateTransitionReason(), now);
            case SHUTTING_DOWN -> instance.inState(InstanceState.TERMINATED, instance.stateReasonCode(),
                    instance.stateReasonMessage(), instance.stateTransitionReason(), now);
            default -> instance;
        };
    }

    /** {@code User initiated (2024-05-01 10:15:30 GMT)}: EC2's state transition reason for a user's stop or terminate. */
    public static String userInitiated(Instant now) {
        return "User initiated (" + REASON_TIME.format(now) + ")";
    }

    private static berth.aws.AwsException incorrectState(Instance instance, String action) {
        return Ec2Errors.INCORRECT_INSTANCE_STATE.exception("The instance '" + instance.id() + "' is not in a state from"
                + " which it can be " + (action.equals("stop") ? "stopped" : "started") + ".");
    }
}
