package berth.elb.core;

import java.time.Instant;

/**
 * A target registered with a target group.
 *
 * @param id an IP address ({@code ip} target groups) or an instance id ({@code instance})
 * @param availabilityZone the zone given at registration, or the load balancer's first zone
 * @param since when the target was registered, or when it started draining
 */
public record RegisteredTarget(String id, int port, String availabilityZone, Registration registration, Instant since) {

    /** Whether a target takes new traffic or is draining before removal. */
    public enum Registration { ACTIVE, DRAINING }

    public TargetKey key() {
        return new TargetKey(id, port);
    }

    public boolean draining() {
        return registration == Registration.DRAINING;
    }
}
