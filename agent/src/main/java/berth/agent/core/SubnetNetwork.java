package berth.agent.core;

import berth.agentwire.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An awsvpc task's subnet as a bridge network of this host's engine: named after the subnet, with the
 * subnet's CIDR block, the VPC router's address (the block's first after the network address) as its
 * gateway, and the other addresses AWS reserves in every subnet (the second and third after the network
 * address; the engine itself never gives the network address or the last) kept from tasks, so a task's
 * address is one AWS could have given its interface.
 *
 * @param name     the network's name: the subnet id
 * @param cidr     the subnet's IPv4 CIDR block
 * @param gateway  the first address after the network address
 * @param reserved the addresses the engine must be told to keep from containers: network + 2 and + 3
 */
public record SubnetNetwork(String name, String cidr, String gateway, List<String> reserved) {
    /** AWS subnets are /16 to /28. */
    static final int WIDEST = 16;
    static final int NARROWEST = 28;

    public SubnetNetwork {
        reserved = List.copyOf(reserved);
    }

    /** The network of subnet {@code subnetId} with block {@code cidr}; empty when that is no AWS subnet block. */
    public static Optional<SubnetNetwork> of(String subnetId, String cidr) {
        Optional<Cidr> block = Cidr.enclosing(cidr);
        if (subnetId.isBlank() || block.isEmpty() || block.get().prefix() < WIDEST || block.get().prefix() > NARROWEST) {
            return Optional.empty();
        }
        Cidr b = block.get();
        return Optional.of(new SubnetNetwork(subnetId, b.toString(), Cidr.address(b.at(1)),
                List.of(Cidr.address(b.at(2)), Cidr.address(b.at(3)))));
    }

    /** Whether a task may hold {@code address}: inside the block, past the first four, before the last. */
    public boolean assignable(String address) {
        Cidr b = Cidr.enclosing(cidr).orElseThrow();
        Optional<Long> a = Cidr.address(address);
        return a.isPresent() && a.get() >= b.at(4) && a.get() < b.last();
    }

    /**
     * Why this host must not make the network, or empty when it may: the block overlaps a route of the
     * host (other than a default route), an address of one of its interfaces, or another network of the
     * engine. A network already named after the subnet with the same block is this one, made before.
     *
     * @param hostRoutes         the host's routes as CIDR blocks ({@code /proc/net/route})
     * @param interfaceAddresses the host's interface addresses as CIDR blocks ({@code 192.0.2.2/24})
     * @param engineNetworks     the engine's networks by name, each with its IPv4 blocks
     */
    public Optional<String> conflict(List<String> hostRoutes, List<String> interfaceAddresses,
                                     Map<String, List<String>> engineNetworks) {
        Cidr mine = Cidr.enclosing(cidr).orElseThrow();
        if (engineNetworks.getOrDefault(name, List.of()).contains(cidr)) {
            return Optional.empty();
        }
        for (String route : hostRoutes) {
            Optional<Cidr> r = Cidr.enclosing(route);
            if (r.isPresent() && r.get().prefix() > 0 && r.get().overlaps(mine)) {
                return Optional.of("its block " + cidr + " overlaps the host's route to " + r.get());
            }
        }
        for (String address : interfaceAddresses) {
            Optional<Cidr> i = Cidr.enclosing(address);
            if (i.isPresent() && i.get().prefix() > 0 && i.get().overlaps(mine)) {
                return Optional.of("its block " + cidr + " overlaps the host's interface address " + address);
            }
        }
        for (Map.Entry<String, List<String>> network : engineNetworks.entrySet()) {
            for (String block : network.getValue()) {
                Optional<Cidr> n = Cidr.enclosing(block);
                if (n.isPresent() && n.get().overlaps(mine)) {
                    return Optional.of("its block " + cidr + " overlaps the engine's network " + network.getKey()
                            + " (" + block + ")");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The routes of {@code /proc/net/route}'s text as CIDR blocks: destination and mask are hexadecimal
     * in the host's (little-endian) byte order.
     */
    public static List<String> routes(String procNetRoute) {
        List<String> routes = new ArrayList<>();
        for (String line : procNetRoute.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            try {
                long destination = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xFFFF_FFFFL;
                long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xFFFF_FFFFL;
                routes.add(Cidr.address(destination & mask) + "/" + Long.bitCount(mask));
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return routes;
    }
}
