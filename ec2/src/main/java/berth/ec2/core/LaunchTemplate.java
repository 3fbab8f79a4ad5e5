package berth.ec2.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A launch template with its numbered versions (from 1), the default one and the latest one. */
public record LaunchTemplate(String accountId, String region, String id, String name, String createdBy, Instant createdAt,
                             long defaultVersion, long latestVersion, List<Version> versions, List<Tag> tags) {
    public static final String LATEST = "$Latest";
    public static final String DEFAULT = "$Default";

    /** One version of a template's launch data. */
    public record Version(long number, String description, String createdBy, Instant createdAt, LaunchSpec data) {}

    public LaunchTemplate {
        versions = List.copyOf(versions);
        tags = List.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /**
     * The version a selector names: {@code $Latest}, {@code $Default}, a number, or empty for the
     * default; empty when there is no such version.
     */
    public Optional<Version> version(String selector) {
        long number;
        if (selector.isEmpty() || selector.equals(DEFAULT)) {
            number = defaultVersion;
        } else if (selector.equals(LATEST)) {
            number = latestVersion;
        } else {
            try {
                number = Long.parseLong(selector);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long wanted = number;
        return versions.stream().filter(v -> v.number() == wanted).findFirst();
    }

    public LaunchTemplate withVersion(Version added) {
        List<Version> all = new ArrayList<>(versions);
        all.add(added);
        return new LaunchTemplate(accountId, region, id, name, createdBy, createdAt, defaultVersion, added.number(), all, tags);
    }

    public LaunchTemplate withDefaultVersion(long number) {
        return new LaunchTemplate(accountId, region, id, name, createdBy, createdAt, number, latestVersion, versions, tags);
    }

    /** Without the given versions; the latest becomes the highest one left. */
    public LaunchTemplate withoutVersions(List<Long> removed) {
        List<Version> left = versions.stream().filter(v -> !removed.contains(v.number())).toList();
        long latest = left.stream().mapToLong(Version::number).max().orElse(0);
        return new LaunchTemplate(accountId, region, id, name, createdBy, createdAt, defaultVersion, latest, left, tags);
    }

    public LaunchTemplate withTags(List<Tag> changed) {
        return new LaunchTemplate(accountId, region, id, name, createdBy, createdAt, defaultVersion, latestVersion, versions,
                changed);
    }
}
