package berth.aws.validation;

import berth.aws.AwsValidationException;
import berth.aws.model.ServiceDescription;
import berth.aws.wire.SdkModelClasses;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;

/**
 * Checks a decoded operation input against the constraints AWS enforces before a service sees it:
 * required members (from the service description or a {@code RequiredTrait}), enum values (from the
 * SDK enum classes), and length and value ranges (from the service description). Violations are
 * reported all at once, in AWS's wording: {@code 1 validation error detected: Value null at
 * 'family' failed to satisfy constraint: Member must not be null}.
 */
public final class RequestValidator {
    private static final int MAX_QUOTED = 256;
    private final ServiceDescription description;

    public RequestValidator(ServiceDescription description) {
        this.description = description;
    }

    /** Throws {@link AwsValidationException} when the input breaks any constraint. */
    public void validate(String operation, SdkPojo input) {
        List<String> violations = violations(operation, input);
        if (!violations.isEmpty()) {
            throw new AwsValidationException(violations.size() + " validation error" + (violations.size() == 1 ? "" : "s")
                    + " detected: " + String.join("; ", violations));
        }
    }

    /** Every violated constraint of the input, in AWS's wording; empty when the input is valid. */
    public List<String> violations(String operation, SdkPojo input) {
        List<String> violations = new ArrayList<>();
        checkStructure(input, description.inputOf(operation), "", violations);
        return violations;
    }

    private void checkStructure(SdkPojo pojo, Optional<ServiceDescription.Shape> shape, String path, List<String> out) {
        for (SdkField<?> field : pojo.sdkFields()) {
            String member = field.memberName();
            String memberPath = path.isEmpty() ? SdkModelClasses.memberPathName(member)
                    : path + "." + SdkModelClasses.memberPathName(member);
            Object value = field.getValueOrDefault(pojo);
            if (!SdkModelClasses.isSet(value)) {
                if (field.containsTrait(RequiredTrait.class) || shape.map(s -> s.required().contains(member)).orElse(false)) {
                    out.add("Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null");
                }
                continue;
            }
            Optional<ServiceDescription.Shape> target = shape.map(s -> s.members().get(member)).flatMap(description::shape);
            Optional<EnumMembers.EnumMember> enumMember = EnumMembers.of(pojo.getClass(), member);
            checkValue(field, value, target, memberPath,
                    enumMember.filter(e -> e.placement() == EnumMembers.Placement.VALUE), enumMember, out);
        }
    }

    private void checkValue(SdkField<?> field, Object value, Optional<ServiceDescription.Shape> shape, String path,
                            Optional<EnumMembers.EnumMember> valueEnum, Optional<EnumMembers.EnumMember> memberEnum,
                            List<String> out) {
        shape.ifPresent(s -> checkRange(s, value, path, out));
        switch (field.marshallingType().getKnownType()) {
            case STRING -> valueEnum.ifPresent(e -> {
                if (!EnumMembers.isKnown(e.enumType(), (String) value)) {
                    out.add("Value '" + shown(value) + "' at '" + path + "' failed to satisfy constraint: Member must satisfy"
                            + " enum value set: [" + String.join(", ", EnumMembers.knownValues(e.enumType())) + "]");
                }
            });
            case SDK_POJO -> checkStructure((SdkPojo) value, shape, path, out);
            case LIST -> {
                SdkField<?> item = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                Optional<ServiceDescription.Shape> itemShape = shape.flatMap(s -> description.shape(s.listMember()));
                Optional<EnumMembers.EnumMember> itemEnum =
                        memberEnum.filter(e -> e.placement() == EnumMembers.Placement.LIST_ITEMS);
                List<?> items = (List<?>) value;
                for (int i = 0; i < items.size(); i++) {
                    String itemPath = path + "." + (i + 1) + ".member";
                    if (items.get(i) == null) {
                        out.add("Value null at '" + itemPath + "' failed to satisfy constraint: Member must not be null");
                    } else {
                        checkValue(item, items.get(i), itemShape, itemPath, itemEnum, Optional.empty(), out);
                    }
                }
            }
            case MAP -> {
                SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Optional<ServiceDescription.Shape> valueShape = shape.flatMap(s -> description.shape(s.mapValue()));
                Optional<EnumMembers.EnumMember> entryEnum =
                        memberEnum.filter(e -> e.placement() == EnumMembers.Placement.MAP_VALUES);
                ((Map<?, ?>) value).forEach((key, entry) -> {
                    if (entry == null) {
                        out.add("Value null at '" + path + "." + key + "' failed to satisfy constraint: Member must not be null");
                    } else {
                        checkValue(valueField, entry, valueShape, path + "." + key, entryEnum, Optional.empty(), out);
                    }
                });
            }
            default -> { }
        }
    }

    private static void checkRange(ServiceDescription.Shape shape, Object value, String path, List<String> out) {
        if (shape.min().isEmpty() && shape.max().isEmpty()) {
            return;
        }
        BigDecimal measured;
        String kind;
        if (value instanceof String text) {
            measured = BigDecimal.valueOf(text.codePointCount(0, text.length()));
            kind = "length";
        } else if (value instanceof List<?> list) {
            measured = BigDecimal.valueOf(list.size());
            kind = "length";
        } else if (value instanceof Map<?, ?> map) {
            measured = BigDecimal.valueOf(map.size());
            kind = "length";
        } else if (value instanceof SdkBytes bytes) {
            measured = BigDecimal.valueOf(bytes.asByteArrayUnsafe().length);
            kind = "length";
        } else if (value instanceof Number number) {
            if ((number instanceof Double d && !Double.isFinite(d)) || (number instanceof Float f && !Float.isFinite(f))) {
                return;
            }
            measured = number instanceof BigDecimal big ? big : new BigDecimal(number.toString());
            kind = "value";
        } else {
            return;
        }
        shape.min().filter(min -> measured.compareTo(min) < 0).ifPresent(min -> out.add(rangeMessage(value, path, kind,
                "greater than or equal to", min)));
        shape.max().filter(max -> measured.compareTo(max) > 0).ifPresent(max -> out.add(rangeMessage(value, path, kind,
                "less than or equal to", max)));
    }

    private static String rangeMessage(Object value, String path, String kind, String comparison, BigDecimal bound) {
        return "Value '" + shown(value) + "' at '" + path + "' failed to satisfy constraint: Member must have " + kind + " "
                + comparison + " " + bound.stripTrailingZeros().toPlainString();
    }

    /** A rejected value as the message quotes it: long values (a 10,000-event batch) are cut short. */
    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
