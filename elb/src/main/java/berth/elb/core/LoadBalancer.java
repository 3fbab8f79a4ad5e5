package berth.elb.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A load balancer: a name, a type, and the listeners (stored apart) that give it sockets.
 *
 * @param id 16 hex digits, the last part of the ARN
 * @param scheme {@code internet-facing} or {@code internal}; both listen on berth's bind address,
 *     the scheme only shapes the DNS name
 * @param subnets the subnets given at creation, one availability zone each
 */
public record LoadBalancer(String accountId, String region, String name, String id, LoadBalancerType type,
                           String scheme, String ipAddressType, List<String> subnets, List<String> securityGroups,
                           Instant createdAt, LoadBalancerAttributes attributes, Map<String, String> tags) {
    public static final String INTERNET_FACING = "internet-facing";
    public static final String INTERNAL = "internal";

    public LoadBalancer {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        tags = OrderedTags.copy(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return ElbArns.loadBalancer(scope(), type, name, id);
    }

    /**
     * {@code NAME-NNNNNNNNNN.REGION.elb.localhost}: informational (the listeners are bound on berth's
     * bind address); {@code .localhost} names resolve to the loopback address in most resolvers.
     */
    public String dnsName() {
        String number = Long.toString(Long.parseUnsignedLong(id.substring(0, 8), 16));
        String host = (scheme.equals(INTERNAL) ? "internal-" : "") + name + "-" + number;
        return host.toLowerCase(Locale.ROOT) + "." + region + ".elb.localhost";
    }

    /** The Route 53 hosted zone AWS gives load balancers of this type in this region. */
    public String canonicalHostedZoneId() {
        return HostedZones.of(type, region);
    }

    /** Availability zones, one per subnet ({@code REGIONa}, {@code REGIONb}, ...); one zone without subnets. */
    public List<String> availabilityZones() {
        int count = Math.max(1, subnets.size());
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> region + (char) ('a' + (i % 26))).toList();
    }

    public LoadBalancer withAttributes(LoadBalancerAttributes changed) {
        return new LoadBalancer(accountId, region, name, id, type, scheme, ipAddressType, subnets, securityGroups,
                createdAt, changed, tags);
    }

    public LoadBalancer withTags(Map<String, String> changed) {
        return new LoadBalancer(accountId, region, name, id, type, scheme, ipAddressType, subnets, securityGroups,
                createdAt, attributes, changed);
    }

    public LoadBalancer withSecurityGroups(List<String> changed) {
        return new LoadBalancer(accountId, region, name, id, type, scheme, ipAddressType, subnets, changed,
                createdAt, attributes, tags);
    }
}
