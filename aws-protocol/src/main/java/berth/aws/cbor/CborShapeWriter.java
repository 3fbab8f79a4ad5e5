package berth.aws.cbor;

import berth.aws.json.JsonShapeWriter;
import berth.aws.wire.SdkModelClasses;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Writes SDK v2 model objects as Smithy RPC v2 CBOR, field by field from their {@code SdkField}
 * metadata, with the same rule for unset members as the JSON writer; timestamps are tag 1.
 */
public final class CborShapeWriter {
    private CborShapeWriter() {}

    public static byte[] write(SdkPojo pojo) {
        Cbor.Writer out = new Cbor.Writer();
        writeStructure(out, pojo);
        return out.toByteArray();
    }

    private static void writeStructure(Cbor.Writer out, SdkPojo pojo) {
        List<SdkField<?>> set = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (SdkModelClasses.isSet(value)) {
                set.add(field);
                values.add(value);
            }
        }
        out.mapHeader(set.size());
        for (int i = 0; i < set.size(); i++) {
            out.text(set.get(i).unmarshallLocationName());
            writeValue(out, set.get(i), values.get(i));
        }
    }

    private static void writeValue(Cbor.Writer out, SdkField<?> field, Object value) {
        if (value == null) {
            out.nullValue();
            return;
        }
        switch (field.marshallingType().getKnownType()) {
            case NULL -> out.nullValue();
            case STRING -> out.text((String) value);
            case INTEGER, LONG, SHORT, BYTE -> out.integer(((Number) value).longValue());
            case FLOAT, DOUBLE -> out.floating(((Number) value).doubleValue());
            case BIG_DECIMAL -> out.text(((BigDecimal) value).toPlainString());
            case BOOLEAN -> out.bool((Boolean) value);
            case INSTANT -> out.timestamp((Instant) value);
            case SDK_BYTES -> out.bytes(((SdkBytes) value).asByteArrayUnsafe());
            case SDK_POJO -> writeStructure(out, (SdkPojo) value);
            case LIST -> {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<?> items = (List<?>) value;
                out.arrayHeader(items.size());
                items.forEach(item -> writeValue(out, member, item));
            }
            case MAP -> {
                SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Map<?, ?> entries = (Map<?, ?>) value;
                out.mapHeader(entries.size());
                entries.forEach((key, item) -> {
                    out.text(String.valueOf(key));
                    writeValue(out, valueField, item);
                });
            }
            case DOCUMENT -> out.text(JsonShapeWriter.writeValue(field, value).toString());
        }
    }
}
