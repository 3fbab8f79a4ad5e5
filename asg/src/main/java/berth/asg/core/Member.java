package berth.asg.core;

import java.time.Instant;

/**
 * One instance of a group, in Auto Scaling's lifecycle: {@code Pending} (launched, EC2 pending),
 * {@code InService} (EC2 running), {@code Terminating} (termination asked of EC2), then gone.
 *
 * @param launchTemplateVersion the version it was launched from
 */
public record Member(String instanceId, String availabilityZone, String subnetId, String instanceType, LifecycleState state,
                     String healthStatus, boolean protectedFromScaleIn, String launchTemplateVersion, Instant launchedAt) {

    public enum LifecycleState {
        PENDING("Pending"), IN_SERVICE("InService"), TERMINATING("Terminating");

        private final String wireName;

        LifecycleState(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Member inState(LifecycleState next) {
        return new Member(instanceId, availabilityZone, subnetId, instanceType, next, healthStatus, protectedFromScaleIn,
                launchTemplateVersion, launchedAt);
    }

    public Member withProtection(boolean protect) {
        return new Member(instanceId, availabilityZone, subnetId, instanceType, state, healthStatus, protect,
                launchTemplateVersion, launchedAt);
    }

    /** Counts toward the group's capacity: pending or in service. */
    public boolean counted() {
        return state != LifecycleState.TERMINATING;
    }
}
