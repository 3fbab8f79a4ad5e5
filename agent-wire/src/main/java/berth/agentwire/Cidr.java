package berth.agentwire;

import java.util.Optional;

/**
 * An IPv4 CIDR block such as {@code 10.0.1.0/24}, held as its network address and prefix length: EC2's
 * VPC and subnet blocks, and the subnet block an awsvpc task's assignment names
 * ({@link AssignedTask#subnetCidr()}). {@link #parse} refuses text whose address has bits set past the
 * prefix, as EC2 does; {@link #enclosing} drops them (an interface address such as {@code 192.0.2.7/24}).
 */
public record Cidr(long network, int prefix) {
    public Cidr {
        if (prefix < 0 || prefix > 32 || network < 0 || network > 0xFFFF_FFFFL || (network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("not a CIDR block: " + address(network) + "/" + prefix);
        }
    }

    public static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) return Optional.empty();
        Optional<Long> address = address(text.substring(0, slash));
        try {
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (address.isEmpty() || prefix < 0 || prefix > 32 || (address.get() & ~mask(prefix)) != 0) {
                return Optional.empty();
            }
            return Optional.of(new Cidr(address.get(), prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The block holding an address with its prefix length ({@code 192.0.2.7/24} is {@code 192.0.2.0/24}); empty for other text. */
    public static Optional<Cidr> enclosing(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) return Optional.empty();
        Optional<Long> address = address(text.substring(0, slash));
        try {
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (address.isEmpty() || prefix < 0 || prefix > 32) return Optional.empty();
            return Optional.of(new Cidr(address.get() & mask(prefix), prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A dotted-quad IPv4 address as a number; empty for anything else. */
    public static Optional<Long> address(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return Optional.empty();
            int octet = Integer.parseInt(part);
            if (octet > 255) return Optional.empty();
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    public static String address(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    /** The block's last address. */
    public long last() {
        return network + size() - 1;
    }

    /** The address {@code offset} places into the block. */
    public long at(long offset) {
        return network + offset;
    }

    public boolean contains(long address) {
        return address >= network && address < network + size();
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    @Override
    public String toString() {
        return address(network) + "/" + prefix;
    }
}
