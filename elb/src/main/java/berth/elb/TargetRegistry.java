package berth.elb;

import java.util.List;

/**
 * Registers targets with ELB target groups from inside berth (ECS services register their tasks
 * here), published on the platform: {@code platform.lookup(TargetRegistry.class)}. It is the same
 * registration RegisterTargets and DeregisterTargets make: targets start {@code initial}, take
 * traffic once healthy (or while no target of the group is), and drain for the group's
 * deregistration delay when deregistered. The target group's ARN names its account and region.
 */
public interface TargetRegistry {

    /**
     * Registers {@code targets}; registering a registered target changes nothing, registering a
     * draining one cancels its deregistration.
     *
     * @throws TargetRegistrationException {@code TargetGroupNotFound}, {@code InvalidTarget} (an id that
     *     is not an IPv4 address of an {@code ip} group or an instance berth knows, a port out of
     *     range), {@code TooManyTargets}
     */
    void register(String targetGroupArn, List<TargetRef> targets);

    /**
     * Starts draining {@code targets}: they take no new requests, in-flight ones finish, and they
     * leave the group after its {@code deregistration_delay.timeout_seconds}. Unknown targets are ignored.
     *
     * @throws TargetRegistrationException {@code TargetGroupNotFound}
     */
    void deregister(String targetGroupArn, List<TargetRef> targets);

    /** The health of every registered target of the group (draining ones included), as DescribeTargetHealth reports it. */
    List<TargetHealthReport> health(String targetGroupArn);

    /**
     * The health of the given targets; one that is not (or no longer) registered is reported
     * {@code unused} with reason {@code Target.NotRegistered}, which is how a caller learns its
     * draining has ended.
     */
    List<TargetHealthReport> health(String targetGroupArn, List<TargetRef> targets);
}
