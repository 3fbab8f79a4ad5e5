package berth.aws.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Scalar member values as text, for the places AWS carries them as strings: Query form parameters
 * and XML, REST URI labels, query parameters and headers. Parsing throws {@link IllegalArgumentException}
 * (including {@link NumberFormatException}) or {@link java.time.DateTimeException} for bad text.
 */
public final class ScalarText {
    private ScalarText() {}

    /** Whether the field holds a scalar (not a structure, list, map or document). */
    public static boolean isScalar(SdkField<?> field) {
        return switch (field.marshallingType().getKnownType()) {
            case SDK_POJO, LIST, MAP, DOCUMENT, NULL -> false;
            default -> true;
        };
    }

    public static Object parse(SdkField<?> field, String text, TimestampFormatTrait.Format defaultTimestampFormat) {
        return switch (field.marshallingType().getKnownType()) {
            case STRING -> text;
            case INTEGER -> Integer.parseInt(text.trim());
            case LONG -> Long.parseLong(text.trim());
            case SHORT -> Short.parseShort(text.trim());
            case BYTE -> Byte.parseByte(text.trim());
            case FLOAT -> Float.parseFloat(text.trim());
            case DOUBLE -> Double.parseDouble(text.trim());
            case BIG_DECIMAL -> new BigDecimal(text.trim());
            case BOOLEAN -> parseBoolean(text);
            case INSTANT -> WireTimestamps.parse(text.trim(), timestampFormat(field, defaultTimestampFormat));
            case SDK_BYTES -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text.trim()));
            default -> throw new IllegalArgumentException("not a scalar member: " + field.memberName());
        };
    }

    public static String format(SdkField<?> field, Object value, TimestampFormatTrait.Format defaultTimestampFormat) {
        return switch (field.marshallingType().getKnownType()) {
            case INSTANT -> WireTimestamps.format((Instant) value, timestampFormat(field, defaultTimestampFormat));
            case SDK_BYTES -> Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
            case FLOAT, DOUBLE -> formatFloating(((Number) value).doubleValue());
            case BIG_DECIMAL -> ((BigDecimal) value).toPlainString();
            default -> String.valueOf(value);
        };
    }

    private static TimestampFormatTrait.Format timestampFormat(SdkField<?> field, TimestampFormatTrait.Format fallback) {
        return field.getOptionalTrait(TimestampFormatTrait.class).map(TimestampFormatTrait::format).orElse(fallback);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    private static String formatFloating(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return BigDecimal.valueOf(value).toPlainString();
    }
}
