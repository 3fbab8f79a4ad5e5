package berth.aws.wire;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Finds the SDK v2 model classes of an operation by name: {@code <modelPackage>.<Operation>Request}
 * with its static {@code builder()}. Only plain operation names are looked up, and only classes that
 * really are SDK requests, so a crafted name cannot reach any other class.
 */
public final class SdkModelClasses {
    private static final Pattern OPERATION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,127}");

    private final String modelPackage;
    private final ClassLoader loader;
    private final ConcurrentHashMap<String, Method> requestBuilders = new ConcurrentHashMap<>();

    public SdkModelClasses(String modelPackage, ClassLoader loader) {
        this.modelPackage = modelPackage;
        this.loader = loader;
    }

    /** Whether the SDK model has this operation. */
    public boolean hasOperation(String operation) {
        return requestBuilderMethod(operation).isPresent();
    }

    /** A fresh builder of the operation's input; empty when the SDK model has no such operation. */
    public Optional<SdkPojo> newRequestBuilder(String operation) {
        return requestBuilderMethod(operation).map(method -> {
            try {
                return (SdkPojo) method.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create builder of " + operation + "Request", e);
            }
        });
    }

    private Optional<Method> requestBuilderMethod(String operation) {
        if (!OPERATION_NAME.matcher(operation).matches()) {
            return Optional.empty();
        }
        Method cached = requestBuilders.get(operation);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Class<?> type = Class.forName(modelPackage + "." + operation + "Request", false, loader);
            if (!SdkRequest.class.isAssignableFrom(type) || !SdkPojo.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            Method builder = type.getMethod("builder");
            if (!Modifier.isStatic(builder.getModifiers())) {
                return Optional.empty();
            }
            requestBuilders.put(operation, builder);
            return Optional.of(builder);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Builds an SDK builder (as returned by {@code builder()} or a field's {@code constructor()}). */
    public static SdkPojo build(SdkPojo builder) {
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }

    /** A fresh builder of the structure a field holds. */
    public static SdkPojo newBuilder(SdkField<?> structureField) {
        return structureField.constructor().get();
    }

    /** Whether a member value goes on the wire: set, and not an auto-constructed empty list or map. */
    public static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    /** {@code ClusterName} → {@code clusterName}: how AWS names members in validation messages. */
    public static String memberPathName(String memberName) {
        return memberName.isEmpty() ? memberName : Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
    }
}
