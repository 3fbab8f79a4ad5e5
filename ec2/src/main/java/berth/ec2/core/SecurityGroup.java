package berth.ec2.core;

import berth.aws.Scope;
import java.util.List;

/** A security group of a VPC with its rules, ingress and egress in the order they were added. */
public record SecurityGroup(String accountId, String region, String id, String name, String description, String vpcId,
                            List<SecurityGroupRule> rules, List<Tag> tags) {
    public static final String DEFAULT_NAME = "default";

    public SecurityGroup {
        rules = List.copyOf(rules);
        tags = List.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return scope().arn("ec2", "security-group/" + id);
    }

    public boolean defaultGroup() {
        return name.equals(DEFAULT_NAME);
    }

    public SecurityGroup withRules(List<SecurityGroupRule> changed) {
        return new SecurityGroup(accountId, region, id, name, description, vpcId, changed, tags);
    }

    public SecurityGroup withTags(List<Tag> changed) {
        return new SecurityGroup(accountId, region, id, name, description, vpcId, rules, changed);
    }
}
