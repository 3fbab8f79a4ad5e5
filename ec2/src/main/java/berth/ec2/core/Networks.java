package berth.ec2.core;

import berth.agentwire.Cidr;
import berth.aws.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * New VPCs with what every VPC has from its creation (its default security group, main route table
 * and default network ACL), and the default VPC every account has in every region: 172.31.0.0/16 with
 * a default /20 subnet in each availability zone (172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/20) that
 * gives instances public addresses.
 */
public final class Networks {
    public static final String DEFAULT_VPC_CIDR = "172.31.0.0/16";
    public static final String ALL_IPV4 = "0.0.0.0/0";

    private Networks() {}

    /** A VPC and its default security group. */
    public record NewVpc(Vpc vpc, SecurityGroup defaultGroup) {}

    /** The default VPC of a scope, with its subnets. */
    public record DefaultNetwork(Vpc vpc, SecurityGroup defaultGroup, List<Subnet> subnets) {}

    public static NewVpc vpc(Scope scope, Ids ids, String cidrBlock, boolean isDefault, String tenancy, List<Tag> tags,
                             Instant now) {
        String vpcId = ids.next("vpc");
        String groupId = ids.next("sg");
        Vpc vpc = new Vpc(scope.accountId(), scope.region(), vpcId, cidrBlock, ids.next("vpc-cidr-assoc"), isDefault,
                tenancy, true, isDefault, false, ids.next("rtb"), ids.next("acl"), groupId, "dopt-" + vpcId.substring(4, 12),
                now, tags);
        List<SecurityGroupRule> rules = List.of(
                new SecurityGroupRule(ids.next("sgr"), false, "-1", -1, -1, "", "", groupId, "", "", List.of()),
                allOutbound(ids));
        SecurityGroup group = new SecurityGroup(scope.accountId(), scope.region(), groupId, SecurityGroup.DEFAULT_NAME,
                "default VPC security group", vpcId, rules, List.of());
        return new NewVpc(vpc, group);
    }

    /** The egress rule every new security group starts with: all traffic to anywhere. */
    public static SecurityGroupRule allOutbound(Ids ids) {
        return new SecurityGroupRule(ids.next("sgr"), true, "-1", -1, -1, ALL_IPV4, "", "", "", "", List.of());
    }

    public static DefaultNetwork defaultNetwork(Scope scope, Ids ids, Instant now) {
        NewVpc created = vpc(scope, ids, DEFAULT_VPC_CIDR, true, "default", List.of(), now);
        Cidr block = created.vpc().cidr();
        List<Subnet> subnets = new ArrayList<>();
        List<AvailabilityZones.Zone> zones = AvailabilityZones.of(scope.region());
        for (int i = 0; i < zones.size(); i++) {
            Cidr cidr = new Cidr(block.at(i * 4096L), 20);
            subnets.add(new Subnet(scope.accountId(), scope.region(), ids.next("subnet"), created.vpc().id(), cidr.toString(),
                    zones.get(i).name(), zones.get(i).id(), true, true, now, List.of(), List.of()));
        }
        return new DefaultNetwork(created.vpc(), created.defaultGroup(), List.copyOf(subnets));
    }
}
