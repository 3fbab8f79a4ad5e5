package berth.aws.validation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which members of an SDK v2 model class hold enum values, found from the class itself: the SDK
 * generates {@code fooAsString()} (or {@code fooAsStrings()} for lists and maps) exactly for enum
 * members, next to {@code foo()} returning the enum type. A value is valid when the enum's
 * {@code fromValue} does not answer {@code UNKNOWN_TO_SDK_VERSION}.
 */
final class EnumMembers {
    private static final String UNKNOWN = "UNKNOWN_TO_SDK_VERSION";

    /** Where in a member the enum values are. */
    enum Placement { VALUE, LIST_ITEMS, MAP_VALUES }

    record EnumMember(Class<?> enumType, Placement placement) {}

    private static final ClassValue<Map<String, EnumMember>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Map<String, EnumMember> computeValue(Class<?> type) {
            return scan(type);
        }
    };

    private static final ClassValue<Optional<Method>> FROM_VALUE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("fromValue", String.class);
                return Modifier.isStatic(method.getModifiers()) ? Optional.of(method) : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    private EnumMembers() {}

    static Optional<EnumMember> of(Class<?> pojoClass, String memberName) {
        return Optional.ofNullable(BY_CLASS.get(pojoClass).get(memberName.toLowerCase(Locale.ROOT)));
    }

    static boolean isKnown(Class<?> enumType, String value) {
        Optional<Method> fromValue = FROM_VALUE.get(enumType);
        if (fromValue.isEmpty()) {
            return true;
        }
        try {
            Object constant = fromValue.get().invoke(null, value);
            return constant != null && !((Enum<?>) constant).name().equals(UNKNOWN);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The wire values of an enum, in declaration order, without {@code UNKNOWN_TO_SDK_VERSION}. */
    static List<String> knownValues(Class<?> enumType) {
        List<String> values = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            if (!((Enum<?>) constant).name().equals(UNKNOWN)) {
                values.add(constant.toString());
            }
        }
        return values;
    }

    private static Map<String, EnumMember> scan(Class<?> type) {
        Map<String, EnumMember> members = new HashMap<>();
        for (Method method : type.getMethods()) {
            String name = method.getName();
            String base;
            if (name.endsWith("AsString")) {
                base = name.substring(0, name.length() - "AsString".length());
            } else if (name.endsWith("AsStrings")) {
                base = name.substring(0, name.length() - "AsStrings".length());
            } else {
                continue;
            }
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                Method getter = type.getMethod(base);
                enumMember(getter.getGenericReturnType())
                        .ifPresent(member -> members.put(base.toLowerCase(Locale.ROOT), member));
            } catch (NoSuchMethodException e) {
                // an AsString method without a typed getter is not an enum member
            }
        }
        return Map.copyOf(members);
    }

    private static Optional<EnumMember> enumMember(Type type) {
        if (type instanceof Class<?> c && c.isEnum()) {
            return Optional.of(new EnumMember(c, Placement.VALUE));
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) && arguments[0] instanceof Class<?> item && item.isEnum()) {
                return Optional.of(new EnumMember(item, Placement.LIST_ITEMS));
            }
            if (Map.class.isAssignableFrom(raw) && arguments[1] instanceof Class<?> value && value.isEnum()) {
                return Optional.of(new EnumMember(value, Placement.MAP_VALUES));
            }
        }
        return Optional.empty();
    }
}
