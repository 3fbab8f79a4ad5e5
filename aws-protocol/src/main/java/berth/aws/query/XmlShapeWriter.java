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
 * timestamps ISO-8601, blobs base64, with the names of the service's {@link QueryLayout}. Unset
 * members and auto-constructed empty collections are left out.
 */
final class XmlShapeWriter {
    private final QueryLayout layout;

    XmlShapeWriter(QueryLayout layout) {
        this.layout = layout;
    }

    /** Writes the members of {@code pojo}, whose shape in the layout is {@code shape} (empty: unknown). */
    void writeMembers(StringBuilder out, SdkPojo pojo, String shape) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (SdkModelClasses.isSet(value)) {
                QueryLayout.Member member = layout.member(shape, field, true);
                writeField(out, member.name(), member, field, value);
            }
        }
    }

    private void writeField(StringBuilder out, String name, QueryLayout.Member member, SdkField<?> field, Object value) {
        switch (field.marshallingType().getKnownType()) {
            case LIST -> writeList(out, name, member, field, (List<?>) value);
            case MAP -> writeMap(out, name, member, field, (Map<?, ?>) value);
            default -> {
                out.append('<').append(name).append('>');
                writeValue(out, member, field, value);
                out.append("</").append(name).append('>');
            }
        }
    }

    private void writeValue(StringBuilder out, QueryLayout.Member member, SdkField<?> field, Object value) {
        switch (field.marshallingType().getKnownType()) {
            case SDK_POJO -> writeMembers(out, (SdkPojo) value, member.shape());
            case LIST, MAP, DOCUMENT, NULL -> { }
            default -> out.append(XmlText.escape(ScalarText.format(field, value, TimestampFormatTrait.Format.ISO_8601)));
        }
    }

    /** The names of a list item or map value of {@code shape}. */
    private static QueryLayout.Member element(String shape) {
        return new QueryLayout.Member("", false, "member", "key", "value", shape, "");
    }

    private void writeList(StringBuilder out, String name, QueryLayout.Member member, SdkField<?> field, List<?> items) {
        SdkField<?> item = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        QueryLayout.Member itemNames = element(member.itemShape());
        if (member.flattened()) {
            items.forEach(value -> writeItem(out, name, itemNames, item, value));
            return;
        }
        out.append('<').append(name).append('>');
        items.forEach(value -> writeItem(out, member.item(), itemNames, item, value));
        out.append("</").append(name).append('>');
    }

    private void writeItem(StringBuilder out, String name, QueryLayout.Member names, SdkField<?> item, Object value) {
        if (value == null) {
            out.append('<').append(name).append("/>");
        } else {
            writeField(out, name, names, item, value);
        }
    }

    private void writeMap(StringBuilder out, String name, QueryLayout.Member member, SdkField<?> field, Map<?, ?> entries) {
        MapTrait trait = field.getRequiredTrait(MapTrait.class);
        QueryLayout.Member valueNames = element(member.itemShape());
        if (!member.flattened()) {
            out.append('<').append(name).append('>');
        }
        entries.forEach((key, value) -> {
            out.append(member.flattened() ? "<" + name + ">" : "<entry>");
            out.append('<').append(member.key()).append('>').append(XmlText.escape(String.valueOf(key)))
                    .append("</").append(member.key()).append('>');
            writeItem(out, member.value(), valueNames, trait.valueFieldInfo(), value);
            out.append(member.flattened() ? "</" + name + ">" : "</entry>");
        });
        if (!member.flattened()) {
            out.append("</").append(name).append('>');
        }
    }
}
