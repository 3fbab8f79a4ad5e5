package berth.ec2.api;

import berth.ec2.core.KeyPair;
import berth.ec2.core.SecurityGroup;
import berth.ec2.core.SecurityGroupRule;
import berth.ec2.core.Subnet;
import berth.ec2.core.Tag;
import berth.ec2.core.Vpc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockState;

/** Core records as EC2's SDK shapes (VPCs, subnets, security groups and their rules, key pairs, tags). */
final class Shapes {
    private Shapes() {}

    static List<software.amazon.awssdk.services.ec2.model.Tag> tags(List<Tag> tags) {
        return tags.stream().map(t -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(t.key()).value(t.value())
                .build()).toList();
    }

    static List<Tag> fromSdk(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
        return tags.stream().map(t -> new Tag(t.key() == null ? "" : t.key(), t.value() == null ? "" : t.value())).toList();
    }

    static software.amazon.awssdk.services.ec2.model.Vpc vpc(Vpc vpc) {
        return software.amazon.awssdk.services.ec2.model.Vpc.builder()
                .vpcId(vpc.id()).ownerId(vpc.accountId()).cidrBlock(vpc.cidrBlock()).state("available")
                .dhcpOptionsId(vpc.dhcpOptionsId()).instanceTenancy(vpc.instanceTenancy()).isDefault(vpc.defaultVpc())
                .cidrBlockAssociationSet(VpcCidrBlockAssociation.builder().associationId(vpc.cidrAssociationId())
                        .cidrBlock(vpc.cidrBlock()).cidrBlockState(VpcCidrBlockState.builder().state("associated").build())
                        .build())
                .tags(tags(vpc.tags())).build();
    }

    static software.amazon.awssdk.services.ec2.model.Subnet subnet(Subnet subnet) {
        return software.amazon.awssdk.services.ec2.model.Subnet.builder()
                .subnetId(subnet.id()).subnetArn(subnet.arn()).vpcId(subnet.vpcId()).ownerId(subnet.accountId())
                .cidrBlock(subnet.cidrBlock()).availabilityZone(subnet.availabilityZone())
                .availabilityZoneId(subnet.availabilityZoneId()).state("available")
                .availableIpAddressCount((int) subnet.availableAddresses()).defaultForAz(subnet.defaultForAz())
                .mapPublicIpOnLaunch(subnet.mapPublicIpOnLaunch()).mapCustomerOwnedIpOnLaunch(false)
                .assignIpv6AddressOnCreation(false).ipv6CidrBlockAssociationSet(List.of()).enableDns64(false)
                .ipv6Native(false).privateDnsNameOptionsOnLaunch(o -> o.hostnameType("ip-name")
                        .enableResourceNameDnsARecord(false).enableResourceNameDnsAAAARecord(false))
                .tags(tags(subnet.tags())).build();
    }

    static software.amazon.awssdk.services.ec2.model.SecurityGroup group(SecurityGroup group) {
        return software.amazon.awssdk.services.ec2.model.SecurityGroup.builder()
                .groupId(group.id()).groupName(group.name()).description(group.description()).vpcId(group.vpcId())
                .ownerId(group.accountId()).securityGroupArn(group.arn())
                .ipPermissions(permissions(group, false)).ipPermissionsEgress(permissions(group, true))
                .tags(tags(group.tags())).build();
    }

    /** A group's rules of one direction as EC2's IpPermissions: one per protocol and port range, in first-seen order. */
    static List<IpPermission> permissions(SecurityGroup group, boolean egress) {
        Map<String, List<SecurityGroupRule>> byTraffic = new LinkedHashMap<>();
        for (SecurityGroupRule rule : group.rules()) {
            if (rule.egress() == egress) {
                byTraffic.computeIfAbsent(rule.protocol() + "/" + rule.fromPort() + "/" + rule.toPort(),
                        k -> new ArrayList<>()).add(rule);
            }
        }
        List<IpPermission> permissions = new ArrayList<>();
        for (List<SecurityGroupRule> rules : byTraffic.values()) {
            SecurityGroupRule first = rules.get(0);
            IpPermission.Builder p = IpPermission.builder().ipProtocol(first.protocol());
            if (!first.protocol().equals("-1")) {
                p.fromPort(first.fromPort()).toPort(first.toPort());
            }
            p.ipRanges(rules.stream().filter(r -> !r.cidrIpv4().isEmpty())
                    .map(r -> IpRange.builder().cidrIp(r.cidrIpv4()).description(blankToNull(r.description())).build()).toList());
            p.ipv6Ranges(rules.stream().filter(r -> !r.cidrIpv6().isEmpty())
                    .map(r -> Ipv6Range.builder().cidrIpv6(r.cidrIpv6()).description(blankToNull(r.description())).build())
                    .toList());
            p.userIdGroupPairs(rules.stream().filter(r -> !r.referencedGroupId().isEmpty())
                    .map(r -> UserIdGroupPair.builder().groupId(r.referencedGroupId()).userId(group.accountId())
                            .description(blankToNull(r.description())).build()).toList());
            p.prefixListIds(rules.stream().filter(r -> !r.prefixListId().isEmpty())
                    .map(r -> PrefixListId.builder().prefixListId(r.prefixListId()).description(blankToNull(r.description()))
                            .build()).toList());
            permissions.add(p.build());
        }
        return permissions;
    }

    static software.amazon.awssdk.services.ec2.model.SecurityGroupRule rule(SecurityGroup group, SecurityGroupRule rule) {
        var b = software.amazon.awssdk.services.ec2.model.SecurityGroupRule.builder()
                .securityGroupRuleId(rule.id()).groupId(group.id()).groupOwnerId(group.accountId()).isEgress(rule.egress())
                .ipProtocol(rule.protocol()).fromPort(rule.fromPort()).toPort(rule.toPort())
                .securityGroupRuleArn(group.scope().arn("ec2", "security-group-rule/" + rule.id()))
                .tags(tags(rule.tags()));
        if (!rule.cidrIpv4().isEmpty()) b.cidrIpv4(rule.cidrIpv4());
        if (!rule.cidrIpv6().isEmpty()) b.cidrIpv6(rule.cidrIpv6());
        if (!rule.prefixListId().isEmpty()) b.prefixListId(rule.prefixListId());
        if (!rule.referencedGroupId().isEmpty()) {
            b.referencedGroupInfo(ReferencedSecurityGroup.builder().groupId(rule.referencedGroupId()).userId(group.accountId())
                    .build());
        }
        if (!rule.description().isEmpty()) b.description(rule.description());
        return b.build();
    }

    static KeyPairInfo keyPair(KeyPair key, boolean withPublicKey) {
        KeyPairInfo.Builder b = KeyPairInfo.builder().keyName(key.name()).keyPairId(key.id()).keyType(key.type())
                .keyFingerprint(key.fingerprint()).createTime(key.createdAt()).tags(tags(key.tags()));
        if (withPublicKey) b.publicKey(key.publicKey());
        return b.build();
    }

    static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
