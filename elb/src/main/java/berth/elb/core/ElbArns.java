package berth.elb.core;

import java.util.Optional;

/**
 * The ARNs of Elastic Load Balancing resources and what they name:
 * <pre>
 * arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/LBID
 * arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/TGID
 * arn:aws:elasticloadbalancing:REGION:ACCOUNT:listener/app/NAME/LBID/LISTENERID
 * arn:aws:elasticloadbalancing:REGION:ACCOUNT:listener-rule/app/NAME/LBID/LISTENERID/RULEID
 * </pre>
 * ({@code net} in place of {@code app} for network load balancers); every id is 16 hex digits.
 */
public final class ElbArns {
    private static final String PREFIX = "arn:aws:elasticloadbalancing:";

    private ElbArns() {}

    /** The parts of an ELB ARN: its scope, resource type, and the path after the type. */
    public record Parsed(String region, String accountId, String type, String[] path) {}

    public static String loadBalancer(String region, String account, LoadBalancerType type, String name, String id) {
        return base(region, account) + "loadbalancer/" + type.arnSegment() + "/" + name + "/" + id;
    }

    public static String targetGroup(String region, String account, String name, String id) {
        return base(region, account) + "targetgroup/" + name + "/" + id;
    }

    public static String listener(String region, String account, LoadBalancerType type, String lbName, String lbId,
                                  String listenerId) {
        return base(region, account) + "listener/" + type.arnSegment() + "/" + lbName + "/" + lbId + "/" + listenerId;
    }

    public static String rule(String region, String account, LoadBalancerType type, String lbName, String lbId,
                              String listenerId, String ruleId) {
        return base(region, account) + "listener-rule/" + type.arnSegment() + "/" + lbName + "/" + lbId + "/"
                + listenerId + "/" + ruleId;
    }

    private static String base(String region, String account) {
        return PREFIX + region + ":" + account + ":";
    }

    /** Splits an ELB ARN; empty when the text is not one. */
    public static Optional<Parsed> parse(String arn) {
        if (arn == null || !arn.startsWith(PREFIX)) return Optional.empty();
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || parts[3].isEmpty() || parts[4].isEmpty()) return Optional.empty();
        String resource = parts[5];
        int slash = resource.indexOf('/');
        if (slash < 0) return Optional.empty();
        String[] path = resource.substring(slash + 1).split("/", -1);
        for (String p : path) {
            if (p.isEmpty()) return Optional.empty();
        }
        return Optional.of(new Parsed(parts[3], parts[4], resource.substring(0, slash), path));
    }

    /** {@code (name, id)} of a target group ARN. */
    public static Optional<String[]> targetGroupNameAndId(String arn) {
        return parse(arn).filter(p -> p.type().equals("targetgroup") && p.path().length == 2).map(Parsed::path);
    }

    /** {@code (app|net, name, id)} of a load balancer ARN. */
    public static Optional<String[]> loadBalancerParts(String arn) {
        return parse(arn).filter(p -> p.type().equals("loadbalancer") && p.path().length == 3).map(Parsed::path);
    }

    /** {@code (app|net, lbName, lbId, listenerId)} of a listener ARN. */
    public static Optional<String[]> listenerParts(String arn) {
        return parse(arn).filter(p -> p.type().equals("listener") && p.path().length == 4).map(Parsed::path);
    }

    /** {@code (app|net, lbName, lbId, listenerId, ruleId)} of a rule ARN. */
    public static Optional<String[]> ruleParts(String arn) {
        return parse(arn).filter(p -> p.type().equals("listener-rule") && p.path().length == 5).map(Parsed::path);
    }
}
