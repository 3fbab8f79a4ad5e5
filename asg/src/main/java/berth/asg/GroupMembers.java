package berth.asg;

import berth.aws.Scope;
import java.util.Optional;

/**
 * Which Auto Scaling group an instance belongs to, published by EC2 Auto Scaling with
 * {@code platform.publish(GroupMembers.class, ...)}: EC2 reads it to publish its metrics per
 * AutoScalingGroupName.
 */
@FunctionalInterface
public interface GroupMembers {
    /** The group of instance {@code instanceId} in {@code scope}; empty when it is in none. */
    Optional<String> groupOf(Scope scope, String instanceId);
}
