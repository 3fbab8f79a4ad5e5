package berth.elb.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.Map;

/**
 * A target group: where a forward action sends traffic, how its targets are checked and balanced.
 * Its targets are kept apart ({@link TargetSet}) so registrations do not rewrite the configuration.
 */
public record TargetGroup(String accountId, String region, String name, String id, TargetProtocol protocol, int port,
                          TargetType targetType, String vpcId, HealthCheck healthCheck,
                          TargetGroupAttributes attributes, Instant createdAt, Map<String, String> tags) {

    public TargetGroup {
        tags = OrderedTags.copy(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return ElbArns.targetGroup(scope(), name, id);
    }

    public TargetGroup withHealthCheck(HealthCheck changed) {
        return new TargetGroup(accountId, region, name, id, protocol, port, targetType, vpcId, changed, attributes,
                createdAt, tags);
    }

    public TargetGroup withAttributes(TargetGroupAttributes changed) {
        return new TargetGroup(accountId, region, name, id, protocol, port, targetType, vpcId, healthCheck, changed,
                createdAt, tags);
    }

    public TargetGroup withTags(Map<String, String> changed) {
        return new TargetGroup(accountId, region, name, id, protocol, port, targetType, vpcId, healthCheck,
                attributes, createdAt, changed);
    }
}
