package berth.iam.core;

import java.math.BigInteger;
import java.util.Optional;

/** CIDR matching for {@code IpAddress}/{@code NotIpAddress}, IPv4 and IPv6, without name resolution. */
final class IpRanges {
    private IpRanges() {}

    /** Whether {@code address} lies in {@code range} ({@code 203.0.113.0/24}, or a single address). */
    static boolean contains(String range, String address) {
        String[] parts = range.trim().split("/", 2);
        Optional<byte[]> network = parse(parts[0]);
        Optional<byte[]> candidate = parse(address.trim());
        if (network.isEmpty() || candidate.isEmpty() || network.get().length != candidate.get().length) {
            return false;
        }
        int bits = network.get().length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return false;
            }
            if (prefix < 0 || prefix > bits) {
                return false;
            }
        }
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return new BigInteger(1, network.get()).and(mask).equals(new BigInteger(1, candidate.get()).and(mask));
    }

    private static Optional<byte[]> parse(String text) {
        return text.contains(":") ? ipv6(text) : ipv4(text);
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!octets[i].matches("\\d{1,3}")) {
                return Optional.empty();
            }
            int value = Integer.parseInt(octets[i]);
            if (value > 255) {
                return Optional.empty();
            }
            out[i] = (byte) value;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> ipv6(String text) {
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return Optional.empty();
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] tail = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        int groups = head.length + tail.length;
        if (groups > 8 || halves.length == 1 && groups != 8) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            if (!putGroup(out, i, head[i])) return Optional.empty();
        }
        for (int i = 0; i < tail.length; i++) {
            if (!putGroup(out, 8 - tail.length + i, tail[i])) return Optional.empty();
        }
        return Optional.of(out);
    }

    private static boolean putGroup(byte[] out, int index, String group) {
        if (!group.matches("[0-9a-fA-F]{1,4}")) {
            return false;
        }
        int value = Integer.parseInt(group, 16);
        out[index * 2] = (byte) (value >> 8);
        out[index * 2 + 1] = (byte) value;
        return true;
    }
}
