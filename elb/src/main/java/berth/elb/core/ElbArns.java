package berth.elb.core;

import berth.aws.Scope;
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
    public record Parsed(Scope scope, String type, String[] path) {}

    public static String loadBalancer(Scope scope, LoadBalancerType type, String name, String id) {
        return arn(scope, "loadbalancer/" + type.arnSegment() + "/" + name + "/" + id);
    }

    public static String targetGroup(Scope scope, String name, String id) {
        return arn(scope, "targetgroup/" + name + "/" + id);
    }

    public static String listener(Scope scope, LoadBalancerType type, String lbName, String lbId, String listenerId) {
        return arn(scope, "listener/" + type.arnSegment() + "/" + lbName + "/" + lbId + "/" + listenerId);
    }

    public static String rule(Scope scope, LoadBalancerType type, String lbName, String lbId, String listenerId,
                              String ruleId) {
        return arn(scope, "listener-rule/" + type.arnSegment() + "/" + lbName + "/" + lbId + "/" + listenerId + "/" + ruleId);
    }

    private static String arn(Scope scope, String resource) {
        return scope.arn("elasticloadbalancing", resource);
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
        return Optional.of(new Parsed(new Scope(parts[4], parts[3]), resource.substring(0, slash), path));
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
