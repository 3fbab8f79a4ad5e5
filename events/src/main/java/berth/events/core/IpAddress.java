package berth.events.core;

/**
 * IPv4 and IPv6 address literals, parsed by hand: {@code InetAddress.getByName} would resolve
 * anything that is not a literal through DNS, and an event's value is no reason to ask DNS.
 */
final class IpAddress {
    private IpAddress() {}

    /** The address's 4 or 16 bytes, or null when {@code text} is not an address literal. */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) return v6(text);
        byte[] out = new byte[4];
        return v4(text, out, 0) ? out : null;
    }

    /** Parses a dotted quad into {@code out} at {@code at}; false when it is not one. */
    private static boolean v4(String text, byte[] out, int at) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return false;
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) return false;
            int value = 0;
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                if (ch < '0' || ch > '9') return false;
                value = value * 10 + (ch - '0');
            }
            if (value > 255) return false;
            out[at + i] = (byte) value;
        }
        return true;
    }

    private static byte[] v6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) return null;
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        byte[] front = new byte[16];
        int frontLength = groups(head, front, gap < 0);
        byte[] back = new byte[16];
        int backLength = gap < 0 ? 0 : groups(tail, back, true);
        if (frontLength < 0 || backLength < 0) return null;
        if (gap < 0 ? frontLength != 16 : frontLength + backLength > 14) return null;
        byte[] out = new byte[16];
        System.arraycopy(front, 0, out, 0, frontLength);
        System.arraycopy(back, 0, out, 16 - backLength, backLength);
        return out;
    }

    /** Parses colon-separated hex groups (the last may be a dotted quad); their byte count, or -1. */
    private static int groups(String text, byte[] out, boolean mayEndInV4) {
        if (text.isEmpty()) return 0;
        String[] parts = text.split(":", -1);
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && mayEndInV4 && part.indexOf('.') >= 0) {
                if (at + 4 > 16 || !v4(part, out, at)) return -1;
                return at + 4;
            }
            if (part.isEmpty() || part.length() > 4 || at + 2 > 16) return -1;
            int value = 0;
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                int digit = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                        : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
                if (digit < 0) return -1;
                value = value * 16 + digit;
            }
            out[at++] = (byte) (value >> 8);
            out[at++] = (byte) value;
        }
        return at;
    }
}
