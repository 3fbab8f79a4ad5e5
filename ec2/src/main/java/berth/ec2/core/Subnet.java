package berth.ec2.core;

import berth.agentwire.Cidr;
import berth.aws.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A subnet of a VPC in one availability zone, with the addresses its instances hold (so two launches
 * never get the same one: they are taken with the subnet's compare-and-set). AWS reserves the first
 * four addresses and the last of every subnet.
 */
public record Subnet(String accountId, String region, String id, String vpcId, String cidrBlock, String availabilityZone,
                     String availabilityZoneId, boolean defaultForAz, boolean mapPublicIpOnLaunch, Instant createdAt,
                     List<String> allocatedAddresses, List<Tag> tags) {
    public static final int RESERVED_AT_START = 4;

    public Subnet {
        allocatedAddresses = List.copyOf(allocatedAddresses);
        tags = List.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public Cidr cidr() {
        return Cidr.parse(cidrBlock).orElseThrow();
    }

    /** Addresses left for instances. */
    public long availableAddresses() {
        return Math.max(0, cidr().size() - RESERVED_AT_START - 1 - allocatedAddresses.size());
    }

    public String arn() {
        return scope().arn("ec2", "subnet/" + id);
    }

    /** The lowest free address, or {@code wanted} if it is in the subnet and free; empty when none is. */
    public Optional<String> freeAddress(Optional<String> wanted) {
        Cidr cidr = cidr();
        TreeSet<Long> taken = new TreeSet<>();
        allocatedAddresses.forEach(a -> Cidr.address(a).ifPresent(taken::add));
        if (wanted.isPresent()) {
            Optional<Long> address = Cidr.address(wanted.get());
            return address.filter(a -> usable(cidr, a) && !taken.contains(a)).map(Cidr::address);
        }
        for (long offset = RESERVED_AT_START; offset < cidr.size() - 1; offset++) {
            if (!taken.contains(cidr.at(offset))) return Optional.of(Cidr.address(cidr.at(offset)));
        }
        return Optional.empty();
    }

    /** Whether an address may be given to an instance: in the subnet and not one AWS reserves. */
    public static boolean usable(Cidr cidr, long address) {
        return cidr.contains(address) && address >= cidr.at(RESERVED_AT_START) && address < cidr.at(cidr.size() - 1);
    }

    public Subnet withAllocated(List<String> addresses) {
        return new Subnet(accountId, region, id, vpcId, cidrBlock, availabilityZone, availabilityZoneId, defaultForAz,
                mapPublicIpOnLaunch, createdAt, addresses, tags);
    }

    public Subnet withTags(List<Tag> changed) {
        return new Subnet(accountId, region, id, vpcId, cidrBlock, availabilityZone, availabilityZoneId, defaultForAz,
                mapPublicIpOnLaunch, createdAt, allocatedAddresses, changed);
    }

    public Subnet withMapPublicIpOnLaunch(boolean map) {
        return new Subnet(accountId, region, id, vpcId, cidrBlock, availabilityZone, availabilityZoneId, defaultForAz, map,
                createdAt, allocatedAddresses, tags);
    }
}
