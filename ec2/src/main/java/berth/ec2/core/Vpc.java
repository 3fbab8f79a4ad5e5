package berth.ec2.core;

import berth.agentwire.Cidr;
import berth.aws.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A VPC: its IPv4 block, and the main route table, default network ACL and default security group
 * every VPC has from its creation (their ids; the route table and ACL are described, not changed).
 * DNS settings are reported as set; berth resolves no names in VPCs.
 */
public record Vpc(String accountId, String region, String id, String cidrBlock, String cidrAssociationId, boolean defaultVpc,
                  String instanceTenancy, boolean enableDnsSupport, boolean enableDnsHostnames,
                  boolean enableNetworkAddressUsageMetrics, String mainRouteTableId, String defaultNetworkAclId,
                  String defaultSecurityGroupId, String dhcpOptionsId, Instant createdAt, List<Tag> tags) {
    public Vpc {
        tags = List.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public Cidr cidr() {
        return Cidr.parse(cidrBlock).orElseThrow();
    }

    public Vpc withTags(List<Tag> changed) {
        return new Vpc(accountId, region, id, cidrBlock, cidrAssociationId, defaultVpc, instanceTenancy, enableDnsSupport,
                enableDnsHostnames, enableNetworkAddressUsageMetrics, mainRouteTableId, defaultNetworkAclId,
                defaultSecurityGroupId, dhcpOptionsId, createdAt, changed);
    }

    public Vpc withDns(boolean support, boolean hostnames, boolean usageMetrics) {
        return new Vpc(accountId, region, id, cidrBlock, cidrAssociationId, defaultVpc, instanceTenancy, support, hostnames,
                usageMetrics, mainRouteTableId, defaultNetworkAclId, defaultSecurityGroupId, dhcpOptionsId, createdAt, tags);
    }
}
