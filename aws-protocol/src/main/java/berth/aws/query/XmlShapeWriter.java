package berth.aws.query;

import berth.aws.wire.ScalarText;
import berth.aws.wire.SdkModelClasses;
import berth.aws.wire.XmlText;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Writes SDK v2 model objects as Query-protocol XML: one element per member, lists as
 * {@code <member>} children (repeated elements when flattened), maps as {@code <entry><key/><value/>},
 * timestamps ISO-8601, blobs base64. Unset members and auto-constructed empty collections are left out.
 */
final class XmlShapeWriter {
    private XmlShapeWriter() {}

    static void writeMembers(StringBuilder out, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (SdkModelClasses.isSet(value)) {
                writeField(out, field.unmarshallLocationName(), field, value);
            }
        }
    }

    private static void writeField(StringBuilder out, String name, SdkField<?> field, Object value) {
        switch (field.marshallingType().getKnownType()) {
            case LIST -> writeList(out, name, field, (List<?>) value);
            case MAP -> writeMap(out, name, field, (Map<?, ?>) value);
            default -> {
                out.append('<').append(name).append('>');
                writeValue(out, field, value);
                out.append("</").append(name).append('>');
            }
        }
    }

    private static void writeValue(StringBuilder out, SdkField<?> field, Object value) {
        switch (field.marshallingType().getKnownType()) {
            case SDK_POJO -> writeMembers(out, (SdkPojo) value);
            case LIST, MAP, DOCUMENT, NULL -> { }
            default -> out.append(XmlText.escape(ScalarText.format(field, value, TimestampFormatTrait.Format.ISO_8601)));
        }
    }

    private static void writeList(StringBuilder out, String name, SdkField<?> field, List<?> items) {
        ListTrait trait = field.getRequiredTrait(ListTrait.class);
        SdkField<?> member = trait.memberFieldInfo();
        if (trait.isFlattened()) {
            items.forEach(item -> writeItem(out, name, member, item));
            return;
        }
        String memberName = trait.memberLocationName() == null ? "member" : trait.memberLocationName();
        out.append('<').append(name).append('>');
        items.forEach(item -> writeItem(out, memberName, member, item));
        out.append("</").append(name).append('>');
    }

    private static void writeItem(StringBuilder out, String name, SdkField<?> member, Object item) {
        if (item == null) {
            out.append('<').append(name).append("/>");
        } else {
            writeField(out, name, member, item);
        }
    }

    private static void writeMap(StringBuilder out, String name, SdkField<?> field, Map<?, ?> entries) {
        MapTrait trait = field.getRequiredTrait(MapTrait.class);
        String keyName = trait.keyLocationName() == null ? "key" : trait.keyLocationName();
        String valueName = trait.valueLocationName() == null ? "value" : trait.valueLocationName();
        if (!trait.isFlattened()) {
            out.append('<').append(name).append('>');
        }
        entries.forEach((key, value) -> {
            out.append(trait.isFlattened() ? "<" + name + ">" : "<entry>");
            out.append('<').append(keyName).append('>').append(XmlText.escape(String.valueOf(key)))
                    .append("</").append(keyName).append('>');
            writeItem(out, valueName, trait.valueFieldInfo(), value);
            out.append(trait.isFlattened() ? "</" + name + ">" : "</entry>");
        });
        if (!trait.isFlattened()) {
            out.append("</").append(name).append('>');
        }
    }
}
