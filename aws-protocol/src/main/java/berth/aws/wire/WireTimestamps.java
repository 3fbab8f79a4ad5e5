package berth.aws.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/** Timestamps in the four wire formats AWS uses. Parsing throws {@link DateTimeParseException} or {@link NumberFormatException}. */
public final class WireTimestamps {
    private WireTimestamps() {}

    /** Epoch seconds with up to millisecond fraction, as AWS JSON protocols write them. */
    public static BigDecimal toEpochSeconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano() / 1_000_000, 3));
        return seconds.stripTrailingZeros().scale() < 0 ? seconds.setScale(0) : seconds.stripTrailingZeros();
    }

    public static Instant fromEpochSeconds(BigDecimal seconds) {
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    public static String format(Instant instant, TimestampFormatTrait.Format format) {
        return switch (format) {
            case ISO_8601 -> DateTimeFormatter.ISO_INSTANT.format(instant);
            case RFC_822 -> DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
            case UNIX_TIMESTAMP -> toEpochSeconds(instant).toPlainString();
            case UNIX_TIMESTAMP_MILLIS -> Long.toString(instant.toEpochMilli());
        };
    }

    public static Instant parse(String text, TimestampFormatTrait.Format format) {
        return switch (format) {
            case ISO_8601 -> parseIso(text);
            case RFC_822 -> ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            case UNIX_TIMESTAMP -> fromEpochSeconds(new BigDecimal(text));
            case UNIX_TIMESTAMP_MILLIS -> Instant.ofEpochMilli(Long.parseLong(text));
        };
    }

    private static Instant parseIso(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }
}
