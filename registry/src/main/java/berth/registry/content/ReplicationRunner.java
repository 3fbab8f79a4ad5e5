package berth.registry.content;

import berth.platform.RecordTable;
import berth.registry.blob.BlobStore;
import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.ImageReplication;
import berth.registry.core.ImageTag;
import berth.registry.core.LayerLink;
import berth.registry.core.RegistryPermissions;
import berth.registry.core.RegistryPolicy;
import berth.registry.core.ReplicationDecision;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.core.TagMutability;
import berth.registry.state.RegistryRecords;
import berth.registry.state.RegistrySettings;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out pending image replications: for each destination still in progress, reads both sides,
 * asks {@link ReplicationDecision} and applies the outcome. A copy is one commit: the destination
 * repository when it has to be created, links to the blobs (content-addressed, so shared, and pinned
 * meanwhile so the collector keeps them), the manifest with the manifests an index names, the tags,
 * and the destination's new status. Level-triggered: a pass that lost a race or was cut short by a
 * restart is finished by the next one.
 */
public final class ReplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationRunner.class);
    /** How soon a destination whose copy met a concurrent change is tried again. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /** The pass the loop runs when nothing changed, in case a change went unseen. */
    static final Duration IDLE = Duration.ofSeconds(60);

    private final RegistryRecords records;
    private final RegistrySettings settings;
    private final BlobStore blobs;
    private final Clock clock;

    public ReplicationRunner(RegistryRecords records, RegistrySettings settings, BlobStore blobs, Clock clock) {
        this.records = records;
        this.settings = settings;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** One pass over every replication still in progress; returns when the next pass is due. */
    public synchronized Instant pass() {
        boolean retry = false;
        for (RecordTable.Versioned<ImageReplication> pending : settings.pendingReplications()) {
            for (ImageReplication.Target target : pending.value().targets()) {
                if (!target.pending()) continue;
                Optional<RecordTable.Versioned<ImageReplication>> current =
                        settings.imageReplication(pending.value().source(), pending.value().digest());
                if (current.isEmpty()) break;
                boolean stillPending = current.get().value().targets().stream()
                        .anyMatch(t -> t.pending() && t.region().equals(target.region()) && t.registryId().equals(target.registryId()));
                if (stillPending) retry |= !settle(current.get(), target);
            }
        }
        return clock.instant().plus(retry ? RETRY : IDLE);
    }

    /** Copies the image to one destination or records why not; false when a concurrent change calls for another try. */
    private boolean settle(RecordTable.Versioned<ImageReplication> stored, ImageReplication.Target target) {
        ImageReplication replication = stored.value();
        RepositoryId source = replication.source();
        RepositoryId destination = replication.destination(target);
        Optional<Image> image = records.image(source, replication.digest()).map(RecordTable.Versioned::value);
        List<String> tags = image.isPresent() ? tagsNaming(source, replication.digest()) : List.of();
        Optional<Repository> existing = records.repository(destination).map(RecordTable.Versioned::value);
        Map<String, String> destinationTags = new HashMap<>();
        for (String tag : tags) records.tag(destination, tag).ifPresent(t -> destinationTags.put(tag, t.value().digest()));
        RegistryPolicy policy = settings.policy(destination.scope())
                .map(RegistryPermissions::policy).orElse(RegistryPolicy.NONE);
        var facts = new ReplicationDecision.Facts(source, destination, replication.digest(), image.isPresent(), tags, policy,
                existing.isPresent(), existing.map(Repository::tagMutability).orElse(TagMutability.mutable()), destinationTags);
        try {
            switch (ReplicationDecision.decide(facts)) {
                case ReplicationDecision.Outcome.Fail fail -> fail(stored, target, fail.failureCode(), fail.reason());
                case ReplicationDecision.Outcome.Copy copy -> copy(stored, target, image.get(), copy);
            }
            return true;
        } catch (VersionConflict conflict) {
            return false;
        }
    }

    private void copy(RecordTable.Versioned<ImageReplication> stored, ImageReplication.Target target, Image image,
                      ReplicationDecision.Outcome.Copy copy) {
        ImageReplication replication = stored.value();
        RepositoryId source = replication.source();
        RepositoryId destination = replication.destination(target);
        List<Image> closure = new ArrayList<>();
        for (String child : image.children()) {
            Optional<Image> found = records.image(source, child).map(RecordTable.Versioned::value);
            if (found.isEmpty()) {
                fail(stored, target, ReplicationDecision.SOURCE_IMAGE_NOT_FOUND, "the manifest " + child + " the index "
                        + image.digest() + " names is no longer in " + source.arn());
                return;
            }
            closure.add(found.get());
        }
        closure.add(image);
        Set<Digest> blobDigests = new LinkedHashSet<>();
        closure.forEach(i -> i.blobs().forEach(b -> Digest.parse(b).ifPresent(blobDigests::add)));
        Instant now = clock.instant();
        try (BlobStore.Pin pin = blobs.pin(blobDigests)) {
            List<Write> writes = new ArrayList<>();
            if (copy.createRepository()) {
                writes.add(records.putRepository(Repository.created(destination, now, TagMutability.mutable(), false, "AES256", "",
                        Map.of()), Store.ABSENT));
            }
            for (Digest digest : blobDigests) {
                Optional<BlobStore.BlobInfo> blob = blobs.stat(digest);
                if (blob.isEmpty()) {
                    fail(stored, target, ReplicationDecision.SOURCE_IMAGE_NOT_FOUND, "the blob " + digest + " is gone");
                    return;
                }
                if (records.layer(destination, digest.toString()).isEmpty()) {
                    writes.add(records.putLayer(destination, new LayerLink(digest.toString(), blob.get().size(), now),
                            Store.ANY));
                }
            }
            for (Image copied : closure) {
                if (records.image(destination, copied.digest()).isEmpty()) {
                    writes.add(records.putImage(destination, copied.withPushedAt(now), Store.ABSENT));
                }
            }
            for (String tag : copy.tags()) {
                Optional<RecordTable.Versioned<ImageTag>> current = records.tag(destination, tag);
                if (current.isPresent() && current.get().value().digest().equals(image.digest())) continue;
                writes.add(records.putTag(destination, new ImageTag(tag, image.digest(), now),
                        current.map(RecordTable.Versioned::version).orElse(Store.ABSENT)));
            }
            ImageReplication.Target done = new ImageReplication.Target(target.region(), target.registryId(),
                    ImageReplication.Status.COMPLETE, "");
            writes.add(settings.putImageReplication(replication.with(done), stored.version()));
            records.store().commit(writes);
        }
        LOG.info("replicated image {} (tags {}) of {} to {}", image.digest(), copy.tags(), source.arn(), destination.arn());
    }

    private void fail(RecordTable.Versioned<ImageReplication> stored, ImageReplication.Target target, String code, String reason) {
        ImageReplication.Target failed = new ImageReplication.Target(target.region(), target.registryId(),
                ImageReplication.Status.FAILED, code);
        records.store().commit(List.of(settings.putImageReplication(stored.value().with(failed), stored.version())));
        LOG.info("replication of image {} of {} to {} failed ({}): {}", stored.value().digest(), stored.value().source().arn(),
                stored.value().destination(target).arn(), code, reason);
    }

    private List<String> tagsNaming(RepositoryId id, String digest) {
        return records.tags(id).stream().map(RecordTable.Versioned::value).filter(t -> t.digest().equals(digest))
                .map(ImageTag::tag).sorted().toList();
    }
}
