package berth.secrets.ssm.core;

import java.util.List;

/**
 * One version of a parameter, as GetParameterHistory lists it.
 *
 * @param type {@code String}, {@code StringList} or {@code SecureString}
 * @param keyId the KMS key of a SecureString, empty for other types
 * @param allowedPattern empty when the value is not constrained
 * @param tier {@code Standard} or {@code Advanced}
 * @param dataType {@code text} or {@code aws:ec2:image}
 */
public record ParameterVersion(long version, String type, String value, String description, String keyId,
                               String allowedPattern, String tier, String dataType, long lastModifiedMillis,
                               String lastModifiedUser, List<String> labels) {
    public ParameterVersion {
        labels = List.copyOf(labels);
    }

    public boolean secure() {
        return ParameterRules.SECURE_STRING.equals(type);
    }
}
