package berth.secrets.manager.api;

import berth.secrets.manager.core.Secret;
import berth.secrets.manager.core.SecretVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** Secrets in the shapes Secrets Manager answers with. */
final class SecretMapping {
    private SecretMapping() {}

    static List<Tag> tags(Secret secret) {
        return secret.tags().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList();
    }

    /** Versions that carry at least one label, and their labels (deprecated versions are not listed). */
    static Map<String, List<String>> versionsToStages(Secret secret) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SecretVersion version : secret.versions()) {
            if (!version.stages().isEmpty()) out.put(version.versionId(), version.stages());
        }
        return out;
    }

    static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }

    static List<Secret.Tag> fromSdk(List<Tag> tags) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw SecretsErrors.INVALID_PARAMETER.exception("A tag key must not be empty.");
            }
            if (tag.key().startsWith("aws:")) {
                throw SecretsErrors.INVALID_PARAMETER.exception("Tag keys prefixed with 'aws:' are reserved for AWS use.");
            }
            merged.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        return merged.entrySet().stream().map(e -> new Secret.Tag(e.getKey(), e.getValue())).toList();
    }
}
