package berth.aws.query;

import berth.aws.AwsException;
import berth.aws.wire.ScalarText;
import berth.aws.wire.SdkModelClasses;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Reads Query form parameters into SDK v2 model builders: scalars as {@code Name=v}, structures as
 * {@code Name.Member=v}, lists as {@code Name.member.N} (or {@code Name.N} when flattened, and
 * {@code Name=} for an empty list), maps as {@code Name.entry.N.key} / {@code .value}.
 */
final class QueryShapeReader {
    private final String invalidValueCode;
    private final QueryLayout layout;

    QueryShapeReader(String invalidValueCode, QueryLayout layout) {
        this.invalidValueCode = invalidValueCode;
        this.layout = layout;
    }

    /** Reads the members of {@code builder}, whose shape in the layout is {@code shape} (empty: unknown). */
    void readStructure(SdkPojo builder, FormParams params, String prefix, String path, String shape) {
        for (SdkField<?> field : builder.sdkFields()) {
            QueryLayout.Member member = layout.member(shape, field, false);
            String key = prefix + member.name();
            String memberPath = path.isEmpty() ? SdkModelClasses.memberPathName(field.memberName())
                    : path + "." + SdkModelClasses.memberPathName(field.memberName());
            read(field, member, params, key, memberPath).ifPresent(value -> field.set(builder, value));
        }
    }

    private Optional<Object> read(SdkField<?> field, QueryLayout.Member member, FormParams params, String key, String path) {
        return switch (field.marshallingType().getKnownType()) {
            case SDK_POJO -> {
                if (!params.hasKeysUnder(key + ".")) {
                    yield Optional.empty();
                }
                SdkPojo nested = SdkModelClasses.newBuilder(field);
                readStructure(nested, params, key + ".", path, member.shape());
                yield Optional.of(SdkModelClasses.build(nested));
            }
            case LIST -> list(field, member, params, key, path);
            case MAP -> map(field, member, params, key, path);
            case DOCUMENT, NULL -> Optional.empty();
            default -> params.value(key).map(text -> scalar(field, text, path));
        };
    }

    /** The names of a list item or map value: a structure of {@code shape}, named by its owner. */
    private static QueryLayout.Member element(String shape) {
        return new QueryLayout.Member("", false, "member", "key", "value", shape, "");
    }

    private Optional<Object> list(SdkField<?> field, QueryLayout.Member member, FormParams params, String key, String path) {
        ListTrait trait = field.getRequiredTrait(ListTrait.class);
        String itemPrefix = member.flattened() ? key + "." : key + "." + member.item() + ".";
        List<Object> items = new ArrayList<>();
        for (int index : params.indexesUnder(itemPrefix)) {
            read(trait.memberFieldInfo(), element(member.itemShape()), params, itemPrefix + index,
                    path + "." + index + ".member").ifPresent(items::add);
        }
        if (items.isEmpty() && params.value(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(items);
    }

    private Optional<Object> map(SdkField<?> field, QueryLayout.Member member, FormParams params, String key, String path) {
        MapTrait trait = field.getRequiredTrait(MapTrait.class);
        String keyName = member.key();
        String valueName = member.value();
        String entryPrefix = member.flattened() ? key + "." : key + ".entry.";
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int index : params.indexesUnder(entryPrefix)) {
            String entry = entryPrefix + index + ".";
            Optional<String> entryKey = params.value(entry + keyName);
            if (entryKey.isEmpty()) {
                throw new AwsException(400, invalidValueCode, "Map entry " + index + " of '" + path + "' has no key");
            }
            read(trait.valueFieldInfo(), element(member.itemShape()), params, entry + valueName, path + "." + entryKey.get())
                    .ifPresent(value -> entries.put(entryKey.get(), value));
        }
        if (entries.isEmpty() && params.value(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entries);
    }

    private Object scalar(SdkField<?> field, String text, String path) {
        try {
            return ScalarText.parse(field, text, TimestampFormatTrait.Format.ISO_8601);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new AwsException(400, invalidValueCode, "Value '" + text + "' at '" + path
                    + "' failed to satisfy constraint: Member must be a valid " + typeName(field));
        }
    }

    private static String typeName(SdkField<?> field) {
        return switch (field.marshallingType().getKnownType()) {
            case INTEGER, LONG, SHORT, BYTE -> "integer";
            case FLOAT, DOUBLE, BIG_DECIMAL -> "number";
            case BOOLEAN -> "boolean";
            case INSTANT -> "timestamp";
            case SDK_BYTES -> "base64 blob";
            default -> "value";
        };
    }
}
