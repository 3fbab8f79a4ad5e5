package berth.aws.json;

import berth.aws.AwsException;
import berth.aws.wire.SdkModelClasses;
import berth.aws.wire.WireTimestamps;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Reads JSON into SDK v2 model builders, field by field from their {@code SdkField} metadata. Types
 * are checked as AWS checks them (a string where a number belongs is a serialization error, not a
 * coercion); unknown members are ignored, as AWS ignores them.
 */
public final class JsonShapeReader {
    private final String serializationCode;

    /** @param serializationCode the error code for unreadable input, e.g. {@code SerializationException} */
    public JsonShapeReader(String serializationCode) {
        this.serializationCode = serializationCode;
    }

    /** Fills the payload members of a builder from a JSON object. */
    public void readStructure(SdkPojo builder, JsonNode object, String path) {
        if (!object.isObject()) {
            throw typeError(path, "a structure", object);
        }
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            JsonNode value = object.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, readValue(field, value, child(path, field.memberName())));
            }
        }
    }

    /** Reads one value of a field's type. */
    public Object readValue(SdkField<?> field, JsonNode node, String path) {
        return switch (field.marshallingType().getKnownType()) {
            case NULL -> null;
            case STRING -> {
                if (!node.isTextual()) {
                    throw typeError(path, "a string", node);
                }
                yield node.textValue();
            }
            case INTEGER -> integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            case LONG -> integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
            case SHORT -> integral(node, path, Short.MIN_VALUE, Short.MAX_VALUE).shortValue();
            case BYTE -> integral(node, path, Byte.MIN_VALUE, Byte.MAX_VALUE).byteValue();
            case FLOAT -> (float) floating(node, path);
            case DOUBLE -> floating(node, path);
            case BIG_DECIMAL -> {
                if (!node.isNumber()) {
                    throw typeError(path, "a number", node);
                }
                yield node.decimalValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw typeError(path, "a boolean", node);
                }
                yield node.booleanValue();
            }
            case INSTANT -> timestamp(field, node, path);
            case SDK_BYTES -> {
                if (!node.isTextual()) {
                    throw typeError(path, "a base64 string", node);
                }
                try {
                    yield SdkBytes.fromByteArray(Base64.getDecoder().decode(node.textValue()));
                } catch (IllegalArgumentException e) {
                    throw error("Value at '" + path + "' is not valid base64");
                }
            }
            case SDK_POJO -> {
                SdkPojo nested = SdkModelClasses.newBuilder(field);
                readStructure(nested, node, path);
                yield SdkModelClasses.build(nested);
            }
            case LIST -> list(field, node, path);
            case MAP -> map(field, node, path);
            case DOCUMENT -> JsonDocuments.toDocument(node);
        };
    }

    private List<Object> list(SdkField<?> field, JsonNode node, String path) {
        if (!node.isArray()) {
            throw typeError(path, "a list", node);
        }
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            items.add(item.isNull() ? null : readValue(member, item, path + "." + (i + 1) + ".member"));
        }
        return items;
    }

    private Map<String, Object> map(SdkField<?> field, JsonNode node, String path) {
        if (!node.isObject()) {
            throw typeError(path, "a map", node);
        }
        SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> entries = new LinkedHashMap<>();
        node.properties().forEach(entry -> entries.put(entry.getKey(), entry.getValue().isNull() ? null
                : readValue(valueField, entry.getValue(), path + "." + entry.getKey())));
        return entries;
    }

    private Object timestamp(SdkField<?> field, JsonNode node, String path) {
        TimestampFormatTrait.Format format = field.getOptionalTrait(TimestampFormatTrait.class)
                .map(TimestampFormatTrait::format).orElse(TimestampFormatTrait.Format.UNIX_TIMESTAMP);
        try {
            if (node.isNumber() && format == TimestampFormatTrait.Format.UNIX_TIMESTAMP_MILLIS) {
                return WireTimestamps.parse(node.asText(), format);
            }
            if (node.isNumber()) {
                return WireTimestamps.fromEpochSeconds(node.decimalValue());
            }
            if (node.isTextual()) {
                return WireTimestamps.parse(node.textValue(), format == TimestampFormatTrait.Format.UNIX_TIMESTAMP
                        ? TimestampFormatTrait.Format.ISO_8601 : format);
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw error("Value at '" + path + "' is not a valid timestamp");
        }
        throw typeError(path, "a timestamp", node);
    }

    private BigDecimal integral(JsonNode node, String path, long min, long max) {
        if (!node.isIntegralNumber() && !(node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0)) {
            throw typeError(path, "an integer", node);
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw error("Value at '" + path + "' is out of range for its type");
        }
        return value;
    }

    private double floating(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw typeError(path, "a number", node);
    }

    private static String child(String path, String memberName) {
        String name = SdkModelClasses.memberPathName(memberName);
        return path.isEmpty() ? name : path + "." + name;
    }

    private AwsException typeError(String path, String expected, JsonNode found) {
        String where = path.isEmpty() ? "the request body" : "'" + path + "'";
        return error("Expected " + expected + " at " + where + " but found " + describe(found));
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "a structure" : "null";
    }

    private AwsException error(String message) {
        return new AwsException(400, serializationCode, message);
    }
}
