package berth.elb.proxy;

import berth.elb.core.TargetHealth;
import berth.elb.core.TargetKey;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One registered target of one target group as the data plane sees it: where it is, how healthy,
 * how many requests (or, for TCP, connections) it is serving now.
 */
final class Backend {
    final TargetKey key;
    final String availabilityZone;
    /** The target's address; empty address (port 0) when an instance target cannot be resolved. */
    final InetSocketAddress address;
    /** The value of the AWSALB cookie that sticks a client to this target. */
    final String stickyToken;
    final AtomicInteger inFlight = new AtomicInteger();
    /** The traffic counters of the backend's target group. */
    final GroupTraffic traffic;
    volatile TargetHealth health = TargetHealth.REGISTERED;
    volatile boolean draining;

    /** When the next health check is due, in {@link System#nanoTime()} terms; the health monitor's own. */
    long nextCheckNanos;
    boolean probing;

    Backend(TargetKey key, String availabilityZone, InetSocketAddress address, String stickyToken, GroupTraffic traffic) {
        this.traffic = traffic;
        this.key = key;
        this.availabilityZone = availabilityZone;
        this.address = address;
        this.stickyToken = stickyToken;
        this.nextCheckNanos = System.nanoTime();
    }

    boolean reachable() {
        return address.getPort() != 0;
    }

    boolean healthy() {
        return health.state() == TargetHealth.State.HEALTHY;
    }

    @Override
    public String toString() {
        return key.toString();
    }
}
