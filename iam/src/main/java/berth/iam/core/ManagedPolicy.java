package berth.iam.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A managed policy: customer managed (in an account) or AWS managed ({@code accountId} {@code aws}).
 *
 * @param path starts and ends with {@code /}
 * @param versions oldest first; one of them is the default
 */
public record ManagedPolicy(String accountId, String name, String path, String policyId, String description,
                            Instant createDate, Instant updateDate, String defaultVersionId, List<Version> versions,
                            Map<String, String> tags) {
    public ManagedPolicy {
        versions = List.copyOf(versions);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public String arn() {
        return IamArns.policy(accountId, path, name);
    }

    public boolean awsManaged() {
        return IamArns.AWS_MANAGED_ACCOUNT.equals(accountId);
    }

    public Optional<Version> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    /** The document of the default version: the one that takes effect. */
    public String defaultDocument() {
        return version(defaultVersionId).map(Version::document).orElseThrow();
    }

    /** One version of a managed policy's document (JSON). */
    public record Version(String versionId, String document, Instant createDate) {}
}
