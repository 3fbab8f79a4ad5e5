package berth.aws.rest;

import berth.aws.AwsException;
import berth.aws.wire.ScalarText;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.JsonValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * REST member values carried as text: URI labels and query parameters (timestamps ISO-8601, lists
 * as repeated parameters) and headers (timestamps RFC 822, lists comma-separated, JSON values base64,
 * maps as prefixed headers).
 */
final class RestMemberText {
    private final String invalidValueCode;

    RestMemberText(String invalidValueCode) {
        this.invalidValueCode = invalidValueCode;
    }

    Object parse(SdkField<?> field, String text, TimestampFormatTrait.Format timestampFormat, String path) {
        try {
            return ScalarText.parse(field, text, timestampFormat);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new AwsException(400, invalidValueCode, "Value '" + text + "' at '" + path + "' is not valid for its type");
        }
    }

    Optional<Object> fromQuery(SdkField<?> field, Map<String, List<String>> query, String path) {
        List<String> texts = query.get(field.locationName());
        if (texts == null || texts.isEmpty()) {
            return Optional.empty();
        }
        if (field.marshallingType().getKnownType() == MarshallingKnownType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> items = new ArrayList<>();
            texts.forEach(text -> items.add(parse(member, text, TimestampFormatTrait.Format.ISO_8601, path)));
            return Optional.of(items);
        }
        return ScalarText.isScalar(field)
                ? Optional.of(parse(field, texts.get(0), TimestampFormatTrait.Format.ISO_8601, path)) : Optional.empty();
    }

    Optional<Object> fromHeaders(SdkField<?> field, Map<String, List<String>> headers, String path) {
        List<String> texts = headers.get(field.locationName().toLowerCase(Locale.ROOT));
        if (texts == null || texts.isEmpty()) {
            return Optional.empty();
        }
        if (field.marshallingType().getKnownType() == MarshallingKnownType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> items = new ArrayList<>();
            texts.forEach(text -> {
                for (String part : text.split(",")) {
                    items.add(parse(member, part.trim(), TimestampFormatTrait.Format.RFC_822, path));
                }
            });
            return Optional.of(items);
        }
        if (!ScalarText.isScalar(field)) {
            return Optional.empty();
        }
        String text = texts.get(0);
        if (field.containsTrait(JsonValueTrait.class)) {
            try {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, invalidValueCode, "Header '" + field.locationName() + "' is not valid base64");
            }
        }
        return Optional.of(parse(field, text, TimestampFormatTrait.Format.RFC_822, path));
    }

    void toHeaders(SdkField<?> field, Object value, Map<String, String> headers) {
        switch (field.marshallingType().getKnownType()) {
            case LIST -> {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                headers.put(field.locationName(), ((List<?>) value).stream()
                        .map(item -> ScalarText.format(member, item, TimestampFormatTrait.Format.RFC_822))
                        .collect(Collectors.joining(",")));
            }
            case MAP -> ((Map<?, ?>) value).forEach((key, item) ->
                    headers.put(field.locationName() + key, String.valueOf(item)));
            default -> {
                String text = ScalarText.format(field, value, TimestampFormatTrait.Format.RFC_822);
                if (field.containsTrait(JsonValueTrait.class)) {
                    text = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
                }
                headers.put(field.locationName(), text);
            }
        }
    }
}
