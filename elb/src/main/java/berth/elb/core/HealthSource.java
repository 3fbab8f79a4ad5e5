package berth.elb.core;

/** The health the data plane has observed of a registered target of a target group in use. */
public interface HealthSource {
    /** {@link TargetHealth#REGISTERED} for a target the health checks have not reached yet. */
    TargetHealth health(String targetGroupArn, TargetKey key);
}
