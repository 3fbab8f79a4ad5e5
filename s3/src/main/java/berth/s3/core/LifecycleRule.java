package berth.s3.core;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One lifecycle rule: which objects (prefix, tags, size bounds) and what expires them. Numbers are 0
 * and dates empty when the rule does not set them.
 *
 * @param expirationDays current versions expire this many days after creation (rounded up to midnight UTC)
 * @param expirationDate current versions expire at this midnight UTC; empty when not set
 * @param expiredObjectDeleteMarker whether delete markers with no versions behind them are removed
 * @param noncurrentDays noncurrent versions expire this many days after becoming noncurrent
 * @param newerNoncurrentVersions that many newest noncurrent versions are kept regardless
 * @param abortIncompleteDays incomplete multipart uploads are aborted this many days after they started
 * @param sizeGreaterThan only objects larger than this (bytes); 0 for no bound
 * @param sizeLessThan only objects smaller than this; 0 for no bound
 */
public record LifecycleRule(String id, boolean enabled, String prefix, Map<String, String> tags, long sizeGreaterThan,
                            long sizeLessThan, int expirationDays, String expirationDate, boolean expiredObjectDeleteMarker,
                            int noncurrentDays, int newerNoncurrentVersions, int abortIncompleteDays) {
    public LifecycleRule {
        tags = Map.copyOf(new TreeMap<>(tags));
    }

    public boolean matches(String key, long size, Map<String, String> objectTags) {
        if (!key.startsWith(prefix)) return false;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!tag.getValue().equals(objectTags.get(tag.getKey()))) return false;
        }
        if (sizeGreaterThan > 0 && size <= sizeGreaterThan) return false;
        return sizeLessThan <= 0 || size < sizeLessThan;
    }

    public boolean expiresCurrent() {
        return expirationDays > 0 || !expirationDate.isEmpty();
    }

    public Instant expirationInstant() {
        return Instant.parse(expirationDate);
    }
}
