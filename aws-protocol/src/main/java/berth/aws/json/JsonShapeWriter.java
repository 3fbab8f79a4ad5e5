package berth.aws.json;

import berth.aws.wire.SdkModelClasses;
import berth.aws.wire.WireTimestamps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Writes SDK v2 model objects as AWS JSON, field by field from their {@code SdkField} metadata.
 * Unset members and auto-constructed empty lists and maps are left out; lists and maps a handler
 * set explicitly, even empty ones, are written (AWS returns {@code "failures": []}).
 */
public final class JsonShapeWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonShapeWriter() {}

    /** The payload members of a structure as a JSON object. */
    public static ObjectNode writeStructure(SdkPojo pojo) {
        ObjectNode object = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (SdkModelClasses.isSet(value)) {
                object.set(field.unmarshallLocationName(), writeValue(field, value));
            }
        }
        return object;
    }

    /** One value of a field's type. */
    public static JsonNode writeValue(SdkField<?> field, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (field.marshallingType().getKnownType()) {
            case NULL -> NODES.nullNode();
            case STRING -> NODES.textNode((String) value);
            case INTEGER, LONG, SHORT, BYTE -> NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> floating(((Number) value).doubleValue());
            case BIG_DECIMAL -> NODES.numberNode((BigDecimal) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INSTANT -> timestamp(field, (Instant) value);
            case SDK_BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
            case SDK_POJO -> writeStructure((SdkPojo) value);
            case LIST -> {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                ArrayNode array = NODES.arrayNode();
                ((List<?>) value).forEach(item -> array.add(writeValue(member, item)));
                yield array;
            }
            case MAP -> {
                SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((key, item) -> object.set(String.valueOf(key), writeValue(valueField, item)));
                yield object;
            }
            case DOCUMENT -> JsonDocuments.toJson((Document) value);
        };
    }

    private static JsonNode floating(double value) {
        if (Double.isNaN(value)) {
            return NODES.textNode("NaN");
        }
        if (Double.isInfinite(value)) {
            return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        return NODES.numberNode(BigDecimal.valueOf(value));
    }

    private static JsonNode timestamp(SdkField<?> field, Instant value) {
        TimestampFormatTrait.Format format = field.getOptionalTrait(TimestampFormatTrait.class)
                .map(TimestampFormatTrait::format).orElse(TimestampFormatTrait.Format.UNIX_TIMESTAMP);
        return switch (format) {
            case UNIX_TIMESTAMP -> NODES.numberNode(WireTimestamps.toEpochSeconds(value));
            case UNIX_TIMESTAMP_MILLIS -> NODES.numberNode(value.toEpochMilli());
            default -> NODES.textNode(WireTimestamps.format(value, format));
        };
    }
}
