package berth.registry.content;

import berth.platform.RecordTable;
import berth.registry.blob.BlobStore;
import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.LayerLink;
import berth.registry.state.RegistryRecords;
import berth.store.VersionConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes blobs that no manifest references, while pushes go on. The reference registry's collector
 * needs the registry read-only while it runs; this one does not, because every push step marks the
 * blobs it relies on as used and the sweep re-checks that mark atomically before deleting.
 *
 * <p>One run:
 * <ol>
 *   <li><b>Start.</b> Note the time {@code T}; blobs last used at or after {@code cutoff = T - grace}
 *       are kept whatever the mark finds.</li>
 *   <li><b>Mark.</b> Read every manifest in the store (all accounts) and collect the blobs they
 *       reference (configs and layers). Manifests live in the store, so this is a consistent read
 *       taken after {@code T}.</li>
 *   <li><b>Sweep.</b> For each stored blob that is unmarked and was last used before the cutoff, ask
 *       the blob store to delete it <em>unless it is pinned or was used since the cutoff</em>; the blob
 *       store decides and deletes under the same per-digest lock that {@code touch} and {@code pin}
 *       take. Then remove the repositories' links to each deleted blob, by compare-and-set on the
 *       version listed before the deletion, so a link written by a re-upload survives.</li>
 *   <li><b>Expire uploads.</b> Drop upload sessions without activity for the upload expiry.</li>
 * </ol>
 *
 * <p>Why a push never loses a blob: a manifest is stored only while its blobs are pinned, and they
 * are pinned before their existence is checked; closing the pin marks them used. So a manifest
 * stored before the mark is seen by the mark; one stored after it had its blobs pinned across the
 * sweep's atomic check (kept) or marked used after {@code T} (kept); and if a sweep deleted a blob
 * before the pin, the manifest's existence check fails and the push is refused with
 * MANIFEST_BLOB_UNKNOWN instead of storing a dangling manifest. Completing an upload pins its
 * digest until the blob is linked; a new blob is itself used at its creation. A blob a client
 * checked with HEAD (and may reference without uploading it again) is marked used by that check, so
 * it stays for the grace period: the grace period is how long a client may take from that check to
 * pushing the manifest.
 */
public final class BlobCollector {
    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);

    private final RegistryRecords records;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration grace;
    private final Duration uploadExpiry;

    /** What one run did. */
    public record Report(int blobsMarked, int blobsDeleted, long bytesFreed, int linksRemoved, int uploadsExpired) {}

    public BlobCollector(RegistryRecords records, BlobStore blobs, Clock clock, Duration grace, Duration uploadExpiry) {
        this.records = records;
        this.blobs = blobs;
        this.clock = clock;
        this.grace = grace;
        this.uploadExpiry = uploadExpiry;
    }

    public synchronized Report collect() throws IOException {
        Instant start = clock.instant();
        Instant cutoff = start.minus(grace);
        Set<String> marked = new HashSet<>();
        for (Image image : records.allImages()) marked.addAll(image.blobs());

        Map<String, List<RecordTable.Keyed<LayerLink>>> links = new HashMap<>();
        for (RecordTable.Keyed<LayerLink> link : records.allLayers()) {
            links.computeIfAbsent(RegistryRecords.digestOfKey(link.key()), k -> new ArrayList<>()).add(link);
        }
        int deleted = 0;
        long freed = 0;
        int linksRemoved = 0;
        for (BlobStore.BlobUsage blob : blobs.blobs()) {
            Digest digest = blob.digest();
            if (marked.contains(digest.toString()) || !blob.lastUsed().isBefore(cutoff)) continue;
            if (!blobs.deleteIfUnusedSince(digest, cutoff)) continue;
            deleted++;
            freed += blob.size();
            for (RecordTable.Keyed<LayerLink> link : links.getOrDefault(digest.toString(), List.of())) {
                try {
                    records.store().commit(List.of(records.deleteLayer(link)));
                    linksRemoved++;
                } catch (VersionConflict relinked) {
                    // linked again by a new upload of the same content: keep it
                }
            }
        }
        int expired = 0;
        Instant idleBefore = clock.instant().minus(uploadExpiry);
        for (BlobStore.UploadStatus upload : blobs.uploads()) {
            if (upload.lastActivity().isBefore(idleBefore)) {
                blobs.cancel(upload.id());
                expired++;
            }
        }
        Report report = new Report(marked.size(), deleted, freed, linksRemoved, expired);
        if (deleted > 0 || expired > 0) {
            LOG.info("registry blob collection: {} blobs ({} bytes) deleted, {} links removed, {} uploads expired, {} blobs referenced",
                    deleted, freed, linksRemoved, expired, marked.size());
        }
        return report;
    }
}
