package berth.registry.content;

import berth.registry.core.Image;
import berth.registry.core.ImageTag;
import berth.registry.core.LifecycleEvaluation;
import berth.registry.core.LifecyclePolicy;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies repositories' lifecycle policies: reads the repository as it is now, asks
 * {@link LifecycleEvaluation} what to expire, deletes those images (and their tags), then deletes
 * referrers whose subject is gone. Level-triggered: every pass starts from the stored state, so a
 * pass that was interrupted is simply finished by the next.
 */
public final class LifecycleRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleRunner.class);

    private final RegistryRecords records;
    private final Images images;
    private final Clock clock;
    private final Map<String, java.time.Instant> lastEvaluated = new java.util.concurrent.ConcurrentHashMap<>();

    public LifecycleRunner(RegistryRecords records, Images images, Clock clock) {
        this.records = records;
        this.images = images;
        this.clock = clock;
    }

    /** What {@code policy} would expire in the repository now. */
    public List<LifecycleEvaluation.Expiry> preview(RepositoryId id, LifecyclePolicy policy) {
        return LifecycleEvaluation.evaluate(policy, candidates(id), clock.instant());
    }

    /** One pass over every repository that has a lifecycle policy; returns how many images expired. */
    public int applyAll() {
        int expired = 0;
        for (Repository repository : records.allRepositories()) {
            if (repository.lifecyclePolicyText().isEmpty()) continue;
            try {
                expired += apply(repository).size();
            } catch (RuntimeException e) {
                LOG.warn("lifecycle policy of {} not applied: {}", repository.arn(), e.toString());
            }
        }
        return expired;
    }

    /** Applies the repository's policy now; returns the images expired. */
    public List<LifecycleEvaluation.Expiry> apply(Repository repository) {
        RepositoryId id = RepositoryId.of(repository);
        LifecyclePolicy policy = LifecyclePolicy.parse(repository.lifecyclePolicyText());
        lastEvaluated.put(id.key(), clock.instant());
        List<LifecycleEvaluation.Expiry> expired = new ArrayList<>();
        for (LifecycleEvaluation.Expiry expiry : preview(id, policy)) {
            try {
                images.deleteImage(id, expiry.image().digest());
                expired.add(expiry);
                LOG.info("lifecycle rule {} of {} expired image {} (tags {})", expiry.rulePriority(), repository.arn(),
                        expiry.image().digest(), expiry.image().tags());
            } catch (RegistryException e) {
                // deleted meanwhile, or now named by an index: the next pass sees the new state
            }
        }
        removeOrphanedReferrers(id);
        return expired;
    }

    /** When this process last applied the repository's policy. */
    public java.util.Optional<java.time.Instant> lastEvaluated(RepositoryId id) {
        return java.util.Optional.ofNullable(lastEvaluated.get(id.key()));
    }

    /** Forgets what this process evaluated (the repositories are gone). */
    public void forget() {
        lastEvaluated.clear();
    }

    private void removeOrphanedReferrers(RepositoryId id) {
        List<Image> all = records.images(id);
        Set<String> digests = new HashSet<>();
        all.forEach(i -> digests.add(i.digest()));
        for (Image image : all) {
            if (!image.subject().isEmpty() && !digests.contains(image.subject())) {
                try {
                    images.deleteImage(id, image.digest());
                    LOG.info("removed referrer {} of the deleted image {} in {}", image.digest(), image.subject(), id.arn());
                } catch (RegistryException e) {
                    // named by an index or deleted meanwhile
                }
            }
        }
    }

    private List<LifecycleEvaluation.Candidate> candidates(RepositoryId id) {
        List<Image> all = records.images(id);
        Map<String, List<String>> tags = new HashMap<>();
        for (var tag : records.tags(id)) {
            ImageTag t = tag.value();
            tags.computeIfAbsent(t.digest(), k -> new ArrayList<>()).add(t.tag());
        }
        Set<String> children = new HashSet<>();
        all.forEach(i -> children.addAll(i.children()));
        return all.stream().map(i -> new LifecycleEvaluation.Candidate(i.digest(),
                tags.getOrDefault(i.digest(), List.of()).stream().sorted().toList(), i.pushedAt(),
                children.contains(i.digest()))).toList();
    }
}
