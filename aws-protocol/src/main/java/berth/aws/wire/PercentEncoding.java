package berth.aws.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Percent-encoding as AWS uses it: RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) stay,
 * every other byte of the UTF-8 form becomes {@code %XY} with upper-case hex. Decoding is strict: a
 * stray {@code %} is an error, because AWS rejects such query strings rather than guessing.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    /** Thrown for a {@code %} not followed by two hex digits. */
    public static final class MalformedEncodingException extends IllegalArgumentException {
        MalformedEncodingException(String message) {
            super(message);
        }
    }

    public static String encode(String value) {
        return encode(value, false);
    }

    /** Encodes like {@link #encode(String)} but keeps {@code /}, for URI paths. */
    public static String encodeKeepingSlashes(String value) {
        return encode(value, true);
    }

    private static String encode(String value, boolean keepSlashes) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlashes && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** Decodes {@code %XY} escapes; with {@code plusIsSpace} also {@code +} (form encoding). */
    public static String decode(String value, boolean plusIsSpace) {
        if (value.indexOf('%') < 0 && (!plusIsSpace || value.indexOf('+') < 0)) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new MalformedEncodingException("Incomplete percent escape in '" + value + "'");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedEncodingException("Invalid percent escape in '" + value + "'");
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                byte[] utf8 = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i = end - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Splits a query or form string into decoded name/value pairs in arrival order. A pair without
     * {@code =} has an empty value.
     */
    public static List<Map.Entry<String, String>> parsePairs(String encoded, boolean plusIsSpace) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (encoded.isEmpty()) {
            return pairs;
        }
        for (String part : encoded.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(Map.entry(decode(name, plusIsSpace), decode(value, plusIsSpace)));
        }
        return pairs;
    }
}
