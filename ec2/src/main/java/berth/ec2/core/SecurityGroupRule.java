package berth.ec2.core;

import java.util.List;

/**
 * One rule of a security group: a protocol ({@code -1} for all, {@code tcp}, {@code udp},
 * {@code icmp}, {@code icmpv6} or a number), a port range ({@code -1} when the protocol has none)
 * and one peer: an IPv4 or IPv6 block, another group, or a prefix list. Rules are recorded and
 * described; berth filters no traffic with them.
 */
public record SecurityGroupRule(String id, boolean egress, String protocol, int fromPort, int toPort, String cidrIpv4,
                                String cidrIpv6, String referencedGroupId, String prefixListId, String description,
                                List<Tag> tags) {
    public SecurityGroupRule {
        tags = List.copyOf(tags);
    }

    /** Whether two rules allow the same traffic (AWS refuses a duplicate whatever its description). */
    public boolean sameTraffic(SecurityGroupRule other) {
        return egress == other.egress && protocol.equals(other.protocol) && fromPort == other.fromPort
                && toPort == other.toPort && cidrIpv4.equals(other.cidrIpv4) && cidrIpv6.equals(other.cidrIpv6)
                && referencedGroupId.equals(other.referencedGroupId) && prefixListId.equals(other.prefixListId);
    }

    public SecurityGroupRule withDescription(String changed) {
        return new SecurityGroupRule(id, egress, protocol, fromPort, toPort, cidrIpv4, cidrIpv6, referencedGroupId,
                prefixListId, changed, tags);
    }

    public SecurityGroupRule withTags(List<Tag> changed) {
        return new SecurityGroupRule(id, egress, protocol, fromPort, toPort, cidrIpv4, cidrIpv6, referencedGroupId,
                prefixListId, description, changed);
    }

    /** The peer as EC2's duplicate-rule message names it. */
    public String peer() {
        if (!cidrIpv4.isEmpty()) return cidrIpv4;
        if (!cidrIpv6.isEmpty()) return cidrIpv6;
        if (!referencedGroupId.isEmpty()) return referencedGroupId;
        return prefixListId;
    }
}
