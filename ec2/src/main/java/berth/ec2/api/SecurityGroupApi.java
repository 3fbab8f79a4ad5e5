package berth.ec2.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.agentwire.Cidr;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Filters;
import berth.ec2.core.Instance;
import berth.ec2.core.Networks;
import berth.ec2.core.SecurityGroup;
import berth.ec2.core.SecurityGroupRule;
import berth.ec2.core.Tag;
import berth.ec2.core.Vpc;
import berth.ec2.state.Ec2Records;
import berth.platform.RecordTable;
import berth.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.*;

/** Security groups and their rules (recorded and described; berth filters no traffic with them). */
final class SecurityGroupApi {
    private static final Filters<SecurityGroup> FILTERS = Filters.of(SecurityGroup::tags)
            .field("group-id", SecurityGroup::id).field("group-name", SecurityGroup::name).field("vpc-id", SecurityGroup::vpcId)
            .field("description", SecurityGroup::description).field("owner-id", SecurityGroup::accountId)
            .fields("ip-permission.cidr", g -> g.rules().stream().filter(r -> !r.egress()).map(SecurityGroupRule::cidrIpv4).toList())
            .fields("ip-permission.protocol", g -> g.rules().stream().filter(r -> !r.egress()).map(SecurityGroupRule::protocol).toList());
    private static final Filters<SecurityGroupRule> RULE_FILTERS = Filters.of(SecurityGroupRule::tags)
            .field("security-group-rule-id", SecurityGroupRule::id);

    private final Ec2Records records;

    SecurityGroupApi(Ec2Records records) {
        this.records = records;
    }

    CreateSecurityGroupResponse create(CreateSecurityGroupRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = NetworkApi.required(request.groupName(), "groupName");
        String description = NetworkApi.required(request.description(), "groupDescription");
        if (name.length() > 255 || description.length() > 255) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Group name and description must be at most 255 characters");
        }
        if (name.equals(SecurityGroup.DEFAULT_NAME)) {
            throw Ec2Errors.GROUP_RESERVED.exception("The security group 'default' is reserved");
        }
        if (name.startsWith("sg-")) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Group names may not be in the format sg-*");
        }
        Vpc vpc = request.vpcId() == null ? records.defaultVpc(scope).orElseThrow(() -> Ec2Errors.VPC_ID_NOT_SPECIFIED
                .exception("No default VPC for this user"))
                : records.vpc(scope, request.vpcId()).orElseThrow(() -> Ec2Errors.vpcNotFound(request.vpcId())).value();
        if (records.groups.list(scope.prefix()).stream().anyMatch(g -> g.vpcId().equals(vpc.id()) && g.name().equals(name))) {
            throw Ec2Errors.GROUP_DUPLICATE.exception("The security group '" + name + "' already exists for VPC '" + vpc.id() + "'");
        }
        List<Tag> tags = Tagging.forResource(request.tagSpecifications(), "security-group");
        SecurityGroup group = new SecurityGroup(scope.accountId(), scope.region(), records.ids().next("sg"), name, description,
                vpc.id(), List.of(Networks.allOutbound(records.ids())), tags);
        records.groups.save(group, Store.ABSENT);
        return CreateSecurityGroupResponse.builder().groupId(group.id()).securityGroupArn(group.arn())
                .tags(Shapes.tags(tags)).build();
    }

    DescribeSecurityGroupsResponse describe(DescribeSecurityGroupsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        records.ensureDefaultNetwork(scope);
        List<SecurityGroup> all = records.groups.list(scope.prefix());
        for (String name : request.groupNames()) {
            Optional<Vpc> defaultVpc = records.defaultVpc(scope);
            if (all.stream().noneMatch(g -> g.name().equals(name) && defaultVpc.map(v -> v.id().equals(g.vpcId())).orElse(false))) {
                throw Ec2Errors.GROUP_NOT_FOUND.exception("The security group '" + name + "' does not exist in default VPC '"
                        + defaultVpc.map(Vpc::id).orElse("none") + "'");
            }
        }
        var filter = FILTERS.predicate(Requests.specs(request.filters()));
        List<SecurityGroup> found = Requests.select(all, SecurityGroup::id, request.groupIds(),
                g -> filter.test(g) && (request.groupNames().isEmpty() || request.groupNames().contains(g.name())),
                Ec2Errors::groupNotFound);
        var page = Requests.page(found, request.nextToken(), request.maxResults(), 1000, SecurityGroup::id);
        return DescribeSecurityGroupsResponse.builder().securityGroups(page.items().stream().map(Shapes::group).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    DeleteSecurityGroupResponse delete(DeleteSecurityGroupRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        RecordTable.Versioned<SecurityGroup> group = find(scope, request.groupId(), request.groupName());
        if (group.value().defaultGroup()) {
            throw Ec2Errors.CANNOT_DELETE.exception("the specified group: \"" + group.value().id() + "\" name: \"default\""
                    + " cannot be deleted by a user");
        }
        String id = group.value().id();
        boolean inUse = records.instances.list(scope.prefix()).stream()
                .anyMatch(i -> i.state().live() && i.securityGroupIds().contains(id));
        boolean referenced = records.groups.list(scope.prefix()).stream().anyMatch(g -> !g.id().equals(id)
                && g.rules().stream().anyMatch(r -> r.referencedGroupId().equals(id)));
        if (inUse || referenced) {
            throw Ec2Errors.DEPENDENCY_VIOLATION.exception("resource " + id + " has a dependent object");
        }
        records.groups.remove(scope.key(id), group.version());
        return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(id).build();
    }

    AuthorizeSecurityGroupIngressResponse authorizeIngress(AuthorizeSecurityGroupIngressRequest request, RequestContext ctx) {
        List<IpPermission> permissions = new ArrayList<>(request.ipPermissions());
        if (request.ipProtocol() != null || request.cidrIp() != null) {
            permissions.add(IpPermission.builder().ipProtocol(request.ipProtocol()).fromPort(request.fromPort())
                    .toPort(request.toPort()).ipRanges(request.cidrIp() == null ? List.of()
                            : List.of(IpRange.builder().cidrIp(request.cidrIp()).build())).build());
        }
        List<SecurityGroupRule> added = authorize(ctx.scope(), request.groupId(), request.groupName(), permissions, false,
                Tagging.forType(request.tagSpecifications(), "security-group-rule"));
        SecurityGroup group = find(ctx.scope(), request.groupId(), request.groupName()).value();
        return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true)
                .securityGroupRules(added.stream().map(r -> Shapes.rule(group, r)).toList()).build();
    }

    AuthorizeSecurityGroupEgressResponse authorizeEgress(AuthorizeSecurityGroupEgressRequest request, RequestContext ctx) {
        List<SecurityGroupRule> added = authorize(ctx.scope(), request.groupId(), null, request.ipPermissions(), true,
                Tagging.forType(request.tagSpecifications(), "security-group-rule"));
        SecurityGroup group = find(ctx.scope(), request.groupId(), null).value();
        return AuthorizeSecurityGroupEgressResponse.builder().returnValue(true)
                .securityGroupRules(added.stream().map(r -> Shapes.rule(group, r)).toList()).build();
    }

    RevokeSecurityGroupIngressResponse revokeIngress(RevokeSecurityGroupIngressRequest request, RequestContext ctx) {
        List<IpPermission> permissions = new ArrayList<>(request.ipPermissions());
        if (request.ipProtocol() != null || request.cidrIp() != null) {
            permissions.add(IpPermission.builder().ipProtocol(request.ipProtocol()).fromPort(request.fromPort())
                    .toPort(request.toPort()).ipRanges(request.cidrIp() == null ? List.of()
                            : List.of(IpRange.builder().cidrIp(request.cidrIp()).build())).build());
        }
        revoke(ctx.scope(), request.groupId(), request.groupName(), permissions, request.securityGroupRuleIds(), false);
        return RevokeSecurityGroupIngressResponse.builder().returnValue(true).build();
    }

    RevokeSecurityGroupEgressResponse revokeEgress(RevokeSecurityGroupEgressRequest request, RequestContext ctx) {
        revoke(ctx.scope(), request.groupId(), null, request.ipPermissions(), request.securityGroupRuleIds(), true);
        return RevokeSecurityGroupEgressResponse.builder().returnValue(true).build();
    }

    DescribeSecurityGroupRulesResponse describeRules(DescribeSecurityGroupRulesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        records.ensureDefaultNetwork(scope);
        List<Filters.Spec> specs = Requests.specs(request.filters());
        List<String> groupIds = specs.stream().filter(s -> s.name().equals("group-id")).flatMap(s -> s.values().stream()).toList();
        var filter = RULE_FILTERS.predicate(specs.stream().filter(s -> !s.name().equals("group-id")).toList());
        List<software.amazon.awssdk.services.ec2.model.SecurityGroupRule> rules = new ArrayList<>();
        for (SecurityGroup group : records.groups.list(scope.prefix())) {
            if (!groupIds.isEmpty() && !groupIds.contains(group.id())) continue;
            group.rules().stream().filter(filter)
                    .filter(r -> request.securityGroupRuleIds().isEmpty() || request.securityGroupRuleIds().contains(r.id()))
                    .forEach(r -> rules.add(Shapes.rule(group, r)));
        }
        return DescribeSecurityGroupRulesResponse.builder().securityGroupRules(rules).build();
    }

    private RecordTable.Versioned<SecurityGroup> find(Scope scope, String id, String name) {
        if (id != null) return records.group(scope, id).orElseThrow(() -> Ec2Errors.groupNotFound(id));
        if (name == null) throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter groupId");
        String vpcId = records.defaultVpc(scope).map(Vpc::id).orElse("");
        return records.groups.listVersioned(scope.prefix()).stream()
                .filter(g -> g.value().name().equals(name) && g.value().vpcId().equals(vpcId)).findFirst()
                .orElseThrow(() -> Ec2Errors.GROUP_NOT_FOUND.exception("The security group '" + name
                        + "' does not exist in default VPC '" + vpcId + "'"));
    }

    private List<SecurityGroupRule> authorize(Scope scope, String id, String name, List<IpPermission> permissions, boolean egress,
                                              List<Tag> tags) {
        String groupId = find(scope, id, name).value().id();
        List<SecurityGroupRule> wanted = rules(scope, permissions, egress, tags);
        if (wanted.isEmpty()) throw Ec2Errors.MISSING_PARAMETER.exception("No IpPermissions given");
        records.groups.update(scope.key(groupId), group -> {
            for (SecurityGroupRule rule : wanted) {
                if (group.rules().stream().anyMatch(rule::sameTraffic)) {
                    throw Ec2Errors.PERMISSION_DUPLICATE.exception("the specified rule \"peer: " + rule.peer() + ", "
                            + rule.protocol().toUpperCase() + ", from port: " + rule.fromPort() + ", to port: " + rule.toPort()
                            + ", ALLOW\" already exists");
                }
            }
            List<SecurityGroupRule> all = new ArrayList<>(group.rules());
            all.addAll(wanted);
            return group.withRules(all);
        });
        return wanted;
    }

    private void revoke(Scope scope, String id, String name, List<IpPermission> permissions, List<String> ruleIds, boolean egress) {
        String groupId = find(scope, id, name).value().id();
        List<SecurityGroupRule> unwanted = rules(scope, permissions, egress, List.of());
        records.groups.update(scope.key(groupId), group -> {
            List<SecurityGroupRule> left = new ArrayList<>(group.rules());
            for (SecurityGroupRule rule : unwanted) {
                if (!left.removeIf(r -> r.sameTraffic(rule))) {
                    throw Ec2Errors.PERMISSION_NOT_FOUND.exception("The specified rule does not exist in this security group.");
                }
            }
            for (String ruleId : ruleIds) {
                if (!left.removeIf(r -> r.id().equals(ruleId) && r.egress() == egress)) {
                    throw Ec2Errors.RULE_NOT_FOUND.exception("The security group rule ID '" + ruleId + "' does not exist");
                }
            }
            return group.withRules(left);
        });
    }

    /** One rule for each peer of each permission, validated as EC2 does. */
    private List<SecurityGroupRule> rules(Scope scope, List<IpPermission> permissions, boolean egress, List<Tag> tags) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (IpPermission p : permissions) {
            String protocol = protocol(p.ipProtocol());
            boolean ported = protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("icmp") || protocol.equals("icmpv6");
            int from = ported ? requirePort(p.fromPort(), protocol) : -1;
            int to = ported ? requirePort(p.toPort(), protocol) : -1;
            if ((protocol.equals("tcp") || protocol.equals("udp")) && (from < 0 || to > 65535 || from > to)) {
                throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Invalid TCP/UDP port range " + from + " to " + to);
            }
            for (IpRange range : p.ipRanges()) {
                String cidr = Cidr.parse(range.cidrIp() == null ? "" : range.cidrIp()).map(Cidr::toString).orElseThrow(() ->
                        Ec2Errors.INVALID_PARAMETER_VALUE.exception("CIDR block " + range.cidrIp() + " is malformed"));
                rules.add(new SecurityGroupRule(records.ids().next("sgr"), egress, protocol, from, to, cidr, "", "", "",
                        Shapes.orEmpty(range.description()), tags));
            }
            for (Ipv6Range range : p.ipv6Ranges()) {
                rules.add(new SecurityGroupRule(records.ids().next("sgr"), egress, protocol, from, to, "",
                        NetworkApi.required(range.cidrIpv6(), "CidrIpv6"), "", "", Shapes.orEmpty(range.description()), tags));
            }
            for (UserIdGroupPair pair : p.userIdGroupPairs()) {
                String groupId = NetworkApi.required(pair.groupId(), "GroupId");
                if (records.group(scope, groupId).isEmpty()) throw Ec2Errors.groupNotFound(groupId);
                rules.add(new SecurityGroupRule(records.ids().next("sgr"), egress, protocol, from, to, "", "", groupId, "",
                        Shapes.orEmpty(pair.description()), tags));
            }
            for (PrefixListId list : p.prefixListIds()) {
                rules.add(new SecurityGroupRule(records.ids().next("sgr"), egress, protocol, from, to, "", "", "",
                        NetworkApi.required(list.prefixListId(), "PrefixListId"), Shapes.orEmpty(list.description()), tags));
            }
        }
        return rules;
    }

    private static String protocol(String given) {
        String p = given == null ? "" : given.toLowerCase();
        return switch (p) {
            case "-1", "all" -> "-1";
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "icmpv6", "58" -> "icmpv6";
            default -> {
                if (p.matches("\\d{1,3}") && Integer.parseInt(p) <= 255) yield p;
                throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Invalid value '" + given + "' for IP protocol. Unknown protocol.");
            }
        };
    }

    private static int requirePort(Integer port, String protocol) {
        if (port == null) throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Invalid " + protocol + " port: a port is required");
        return port;
    }

    static boolean usedBy(Instance instance, String groupId) {
        return instance.securityGroupIds().contains(groupId);
    }
}
