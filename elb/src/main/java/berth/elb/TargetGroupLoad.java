package berth.elb;

/**
 * The requests the load balancer's data plane is serving now, per target group, published on the
 * platform ({@code platform.lookup(TargetGroupLoad.class)}) for modules that scale on request
 * concurrency (App Runner). A count is of requests forwarded to a target whose answer has not
 * finished; for TCP listeners, of open connections.
 */
public interface TargetGroupLoad {

    /** The requests in flight to the targets of the group; 0 when no listener serves the group. */
    int inFlight(String targetGroupArn);
}
