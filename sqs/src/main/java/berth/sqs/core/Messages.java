package berth.sqs.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digests SQS returns and clients verify: the MD5 of the body's UTF-8 bytes, and the MD5 of the
 * attributes encoded as AWS defines it: for each attribute in name order, its name, its data type
 * (each as a 4-byte big-endian length and UTF-8 bytes), a transport byte (1 string, 2 binary), and
 * its value (length and bytes).
 */
public final class Messages {
    private Messages() {}

    public static String md5OfBody(String body) {
        return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    public static String md5OfAttributes(Map<String, MessageAttribute> attributes) {
        MessageDigest md5 = md5();
        for (Map.Entry<String, MessageAttribute> entry : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute value = entry.getValue();
            lengthPrefixed(md5, entry.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(md5, value.dataType().getBytes(StandardCharsets.UTF_8));
            if (value.binary()) {
                md5.update((byte) 2);
                lengthPrefixed(md5, value.binaryValue());
            } else {
                md5.update((byte) 1);
                lengthPrefixed(md5, value.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void lengthPrefixed(MessageDigest md5, byte[] bytes) {
        md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        md5.update(bytes);
    }

    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else bytes += 3;
        }
        return bytes;
    }

    /** Whether a body holds only the characters SQS allows: #x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD, #x10000–#x10FFFF. */
    public static boolean allowedText(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!ok) return false;
            i += Character.charCount(c);
        }
        return true;
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
