package berth.iam.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A managed policy: customer managed (in an account) or AWS managed ({@code accountId} {@code aws}).
 * Its versions are numbered {@code v1}, {@code v2}, … and a number is never given twice, even after
 * the version that had it is deleted; the default version is the one policy evaluation reads.
 *
 * @param path starts and ends with {@code /}
 * @param updateDate when the newest version was created
 * @param versions oldest first; one of them is the default
 * @param versionsCreated how many versions the policy ever had (the number of the newest one)
 */
public record ManagedPolicy(String accountId, String name, String path, String policyId, String description,
                            Instant createDate, Instant updateDate, String defaultVersionId, List<Version> versions,
                            Map<String, String> tags, int versionsCreated) {
    /** IAM's quota of versions per managed policy. */
    public static final int MAX_VERSIONS = 5;

    public ManagedPolicy {
        versions = List.copyOf(versions);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        // policies stored before the count existed: their newest version tells it
        for (Version version : versions) {
            versionsCreated = Math.max(versionsCreated, version.number());
        }
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

    /** With one more version, numbered after every version the policy ever had; the caller checks the quota. */
    public ManagedPolicy withNewVersion(String document, Instant now, boolean asDefault) {
        Version added = new Version("v" + (versionsCreated + 1), document, now);
        List<Version> updated = new ArrayList<>(versions);
        updated.add(added);
        return new ManagedPolicy(accountId, name, path, policyId, description, createDate, now,
                asDefault ? added.versionId() : defaultVersionId, updated, tags, versionsCreated + 1);
    }

    /** Without a version other than the default one. */
    public ManagedPolicy withoutVersion(String versionId) {
        if (versionId.equals(defaultVersionId)) {
            throw new IllegalArgumentException("the default version " + versionId + " of " + arn() + " stays");
        }
        List<Version> remaining = versions.stream().filter(v -> !v.versionId().equals(versionId)).toList();
        Instant newest = remaining.stream().map(Version::createDate).max(Comparator.naturalOrder()).orElse(createDate);
        return new ManagedPolicy(accountId, name, path, policyId, description, createDate, newest, defaultVersionId,
                remaining, tags, versionsCreated);
    }

    public ManagedPolicy withDefaultVersion(String versionId) {
        return new ManagedPolicy(accountId, name, path, policyId, description, createDate, updateDate, versionId, versions,
                tags, versionsCreated);
    }

    public ManagedPolicy withTags(Map<String, String> newTags) {
        return new ManagedPolicy(accountId, name, path, policyId, description, createDate, updateDate, defaultVersionId,
                versions, newTags, versionsCreated);
    }

    /** One version of a managed policy's document (JSON). */
    public record Version(String versionId, String document, Instant createDate) {
        /** The number in the id: 3 for {@code v3}. */
        public int number() {
            return Integer.parseInt(versionId.substring(1));
        }
    }
}
