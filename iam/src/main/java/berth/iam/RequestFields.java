package berth.iam;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

import java.util.List;
import java.util.Optional;

/**
 * Reads a request member by its AWS name ({@code RoleName}, {@code clusters}) from any SDK request
 * object: what a {@link RequestResources.Extractor} needs to name the resources of a call.
 */
public final class RequestFields {
    private RequestFields() {}

    public static Optional<String> string(SdkPojo request, String member) {
        return field(request, member).map(f -> f.getValueOrDefault(request)).filter(String.class::isInstance)
                .map(String.class::cast);
    }

    public static List<String> strings(SdkPojo request, String member) {
        Optional<Object> value = field(request, member).map(f -> f.getValueOrDefault(request));
        if (value.isPresent() && value.get() instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static Optional<SdkField<?>> field(SdkPojo request, String member) {
        return request.sdkFields().stream().filter(f -> f.memberName().equalsIgnoreCase(member)).findFirst()
                .map(f -> (SdkField<?>) f);
    }
}
