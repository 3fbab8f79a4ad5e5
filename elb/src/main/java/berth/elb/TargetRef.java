package berth.elb;

/**
 * A target as a registration names it.
 *
 * @param id an IPv4 address for {@code ip} target groups, an instance id (e.g. a container
 *     instance's EC2 instance id) for {@code instance} target groups
 * @param port the port traffic goes to; 0 means the target group's port
 */
public record TargetRef(String id, int port) {
    public TargetRef {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("target id is required");
    }

    /** A target on the target group's own port. */
    public static TargetRef of(String id) {
        return new TargetRef(id, 0);
    }
}
