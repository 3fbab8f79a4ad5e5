package berth.logs.core;

import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A GetLogEvents paging token in AWS's shape: {@code f/} (read forward, events after the position) or
 * {@code b/} (read backward, events before it), then 56 digits: the position's timestamp and sequence
 * and a check so that edited or foreign tokens are refused rather than silently misread.
 */
public record StreamToken(boolean forward, EventPosition position) {
    private static final long CHECK_MODULUS = 10_000_000_000_000_000L;

    public static StreamToken forwardFrom(EventPosition position) {
        return new StreamToken(true, position);
    }

    public static StreamToken backwardFrom(EventPosition position) {
        return new StreamToken(false, position);
    }

    public String encode() {
        String digits = pad(Math.max(0, position.timestamp()), 20) + pad(Math.max(0, position.sequence() + 2), 20);
        return (forward ? "f/" : "b/") + digits + pad(check(digits), 16);
    }

    /** The token's meaning; empty when the text was not made by {@link #encode()}. */
    public static Optional<StreamToken> decode(String text) {
        if (text == null || text.length() != 58 || text.charAt(1) != '/') return Optional.empty();
        char direction = text.charAt(0);
        if (direction != 'f' && direction != 'b') return Optional.empty();
        String digits = text.substring(2, 42);
        for (int i = 2; i < 58; i++) {
            if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') return Optional.empty();
        }
        if (!pad(check(digits), 16).equals(text.substring(42))) return Optional.empty();
        try {
            long timestamp = Long.parseLong(digits.substring(0, 20));
            long sequence = Long.parseLong(digits.substring(20)) - 2;
            return Optional.of(new StreamToken(direction == 'f', new EventPosition(timestamp, sequence)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long check(String digits) {
        CRC32 crc = new CRC32();
        crc.update(digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long mixed = crc.getValue() * 2_654_435_761L ^ 0x5DEECE66DL;
        return Math.floorMod(mixed, CHECK_MODULUS);
    }

    private static String pad(long value, int width) {
        String text = Long.toString(value);
        return "0".repeat(Math.max(0, width - text.length())) + text;
    }
}
