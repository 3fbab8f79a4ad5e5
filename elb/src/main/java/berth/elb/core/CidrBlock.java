package berth.elb.core;

import java.util.Optional;

/** An IPv4 or IPv6 address block in CIDR notation, matched against a client address's bytes. */
public record CidrBlock(byte[] network, int prefixLength) {

    /** Parses {@code a.b.c.d/n} or an IPv6 {@code x::y/n}; empty when the text is not one. */
    public static Optional<CidrBlock> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) return Optional.empty();
        Optional<byte[]> address = IpAddresses.parse(text.substring(0, slash));
        if (address.isEmpty()) return Optional.empty();
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (prefix < 0 || prefix > address.get().length * 8) return Optional.empty();
        return Optional.of(new CidrBlock(address.get(), prefix));
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) return false;
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
