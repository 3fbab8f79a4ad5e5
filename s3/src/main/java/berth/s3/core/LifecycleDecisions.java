package berth.s3.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bucket's lifecycle rules do to an object's versions or an upload at a moment, decided
 * without side effects; the lifecycle loop applies the actions. Days are counted as S3 counts them:
 * from the time (creation, or becoming noncurrent) plus the days, rounded up to the next midnight UTC.
 */
public final class LifecycleDecisions {
    private LifecycleDecisions() {}

    /** Something a rule decided. */
    public sealed interface Action {}

    /** The current version expires: deleted (unversioned) or hidden behind a new delete marker. */
    public record ExpireCurrent(String ruleId) implements Action {}

    /** A noncurrent version is removed for good. */
    public record ExpireVersion(String versionId, String ruleId) implements Action {}

    /** A delete marker with nothing behind it is removed. */
    public record RemoveMarker(String versionId, String ruleId) implements Action {}

    public static Instant dueAfter(Instant since, int days) {
        Instant plus = since.plus(days, ChronoUnit.DAYS);
        Instant midnight = plus.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        return midnight.equals(plus) ? plus : midnight.plus(1, ChronoUnit.DAYS);
    }

    public static List<Action> decide(List<LifecycleRule> rules, ObjectEntry entry, Instant now) {
        List<Action> actions = new ArrayList<>();
        List<ObjectVersion> versions = entry.versions();
        if (versions.isEmpty()) return actions;
        ObjectVersion current = versions.get(0);
        for (LifecycleRule rule : rules) {
            if (!rule.enabled()) continue;
            if (!current.deleteMarker() && rule.expiresCurrent()
                    && rule.matches(entry.key(), current.size(), current.tags())) {
                Instant due = !rule.expirationDate().isEmpty() ? rule.expirationInstant()
                        : dueAfter(current.lastModified(), rule.expirationDays());
                if (!now.isBefore(due)) {
                    actions.add(new ExpireCurrent(rule.id()));
                    break;
                }
            }
        }
        for (LifecycleRule rule : rules) {
            if (!rule.enabled() || rule.noncurrentDays() <= 0) continue;
            int newerSeen = 0;
            for (int i = 1; i < versions.size(); i++) {
                ObjectVersion version = versions.get(i);
                if (!rule.matches(entry.key(), version.size(), version.tags())) continue;
                if (version.deleteMarker()) continue;
                newerSeen++;
                if (newerSeen <= rule.newerNoncurrentVersions()) continue;
                Instant noncurrentSince = versions.get(i - 1).lastModified();
                if (!now.isBefore(dueAfter(noncurrentSince, rule.noncurrentDays()))) {
                    actions.add(new ExpireVersion(version.versionId(), rule.id()));
                }
            }
        }
        if (current.deleteMarker() && versions.size() == 1) {
            for (LifecycleRule rule : rules) {
                if (rule.enabled() && rule.expiredObjectDeleteMarker() && entry.key().startsWith(rule.prefix())) {
                    actions.add(new RemoveMarker(current.versionId(), rule.id()));
                    break;
                }
            }
        }
        return actions;
    }

    /** Whether a rule aborts an upload begun at {@code initiated} of {@code key}. */
    public static boolean abortsUpload(List<LifecycleRule> rules, String key, Instant initiated, Instant now) {
        for (LifecycleRule rule : rules) {
            if (rule.enabled() && rule.abortIncompleteDays() > 0 && key.startsWith(rule.prefix()) && rule.tags().isEmpty()
                    && !now.isBefore(dueAfter(initiated, rule.abortIncompleteDays()))) {
                return true;
            }
        }
        return false;
    }
}
