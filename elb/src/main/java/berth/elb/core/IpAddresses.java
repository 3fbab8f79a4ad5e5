package berth.elb.core;

import java.util.Optional;

/** IP address literals, parsed without any name lookup. */
public final class IpAddresses {
    private IpAddresses() {}

    /** The 4 or 16 bytes of an IPv4 or IPv6 literal; empty for anything else (names included). */
    public static Optional<byte[]> parse(String text) {
        if (text.indexOf(':') >= 0) return parseV6(text);
        return parseV4(text);
    }

    public static boolean isIpv4(String text) {
        return parseV4(text).isPresent();
    }

    private static Optional<byte[]> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) return Optional.empty();
            for (int j = 0; j < p.length(); j++) {
                if (p.charAt(j) < '0' || p.charAt(j) > '9') return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) return Optional.empty();
            bytes[i] = (byte) v;
        }
        return Optional.of(bytes);
    }

    private static Optional<byte[]> parseV6(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) return Optional.empty();
        }
        try {
            // an IPv6 literal (only hex digits, colons and dots) is parsed without a lookup
            byte[] bytes = java.net.InetAddress.getByName(text).getAddress();
            return bytes.length == 16 ? Optional.of(bytes) : Optional.empty();
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
