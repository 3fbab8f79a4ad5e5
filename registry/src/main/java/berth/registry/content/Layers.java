package berth.registry.content;

import berth.registry.blob.BlobStore;
import berth.registry.core.Digest;
import berth.registry.core.LayerLink;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import berth.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The blobs of repositories: uploads into a repository, links that make a stored blob available in
 * a repository, and mounts of a blob from one repository into another. An upload belongs to the
 * repository it was started for and cannot be continued or completed through another.
 */
public final class Layers {
    private final RegistryRecords records;
    private final BlobStore blobs;
    private final Clock clock;

    public Layers(RegistryRecords records, BlobStore blobs, Clock clock) {
        this.records = records;
        this.blobs = blobs;
        this.clock = clock;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The blob, when the repository has it; counts as a use of the blob (see {@link BlobStore#touch}). */
    public Optional<BlobStore.BlobInfo> available(RepositoryId id, Digest digest) {
        if (records.layer(id, digest.toString()).isEmpty()) return Optional.empty();
        return blobs.touch(digest);
    }

    /** The blob's content, when the repository has it. */
    public Optional<BlobStore.BlobContent> content(RepositoryId id, Digest digest) {
        if (records.layer(id, digest.toString()).isEmpty()) return Optional.empty();
        return blobs.open(digest);
    }

    /**
     * Makes a blob of {@code from} available in {@code target} too.
     *
     * @return the blob, or empty when {@code from} does not have it (the caller falls back to an upload)
     */
    public Optional<BlobStore.BlobInfo> mount(RepositoryId target, RepositoryId from, Digest digest) {
        if (records.layer(from, digest.toString()).isEmpty()) return Optional.empty();
        try (BlobStore.Pin pin = blobs.pin(java.util.List.of(digest))) {
            Optional<BlobStore.BlobInfo> blob = blobs.stat(digest);
            blob.ifPresent(b -> link(target, b));
            return blob;
        }
    }

    /** Removes the blob from the repository (the bytes stay while another repository or manifest needs them). */
    public boolean unlink(RepositoryId id, Digest digest) {
        var link = records.layer(id, digest.toString());
        if (link.isEmpty()) return false;
        records.store().commit(java.util.List.of(records.deleteLayer(id, digest.toString(), Store.ANY)));
        return true;
    }

    public BlobStore.UploadStatus startUpload(RepositoryId id) {
        return blobs.startUpload(id.key());
    }

    /** The upload, when it exists and belongs to the repository. */
    public Optional<BlobStore.UploadStatus> upload(RepositoryId id, String uploadId) {
        return blobs.upload(uploadId).filter(u -> u.owner().equals(id.key()));
    }

    public BlobStore.UploadStatus append(RepositoryId id, String uploadId, long expectedOffset, InputStream data)
            throws BlobStore.UnknownUpload, BlobStore.OffsetMismatch, IOException {
        requireOwned(id, uploadId);
        return blobs.append(uploadId, expectedOffset, data);
    }

    /** Verifies and stores the upload, then links the blob into the repository. */
    public BlobStore.Completion complete(RepositoryId id, String uploadId, Digest expected)
            throws BlobStore.UnknownUpload, IOException {
        requireOwned(id, uploadId);
        try (BlobStore.Pin pin = blobs.pin(java.util.List.of(expected))) {
            BlobStore.Completion completion = blobs.complete(uploadId, expected);
            if (completion instanceof BlobStore.Completion.Stored stored) link(id, stored.blob());
            return completion;
        }
    }

    public void cancel(RepositoryId id, String uploadId) throws BlobStore.UnknownUpload {
        requireOwned(id, uploadId);
        blobs.cancel(uploadId);
    }

    private void requireOwned(RepositoryId id, String uploadId) throws BlobStore.UnknownUpload {
        if (upload(id, uploadId).isEmpty()) throw new BlobStore.UnknownUpload(uploadId);
    }

    private void link(RepositoryId id, BlobStore.BlobInfo blob) {
        if (records.layer(id, blob.digest().toString()).isPresent()) return;
        records.store().commit(java.util.List.of(records.putLayer(id,
                new LayerLink(blob.digest().toString(), blob.size(), clock.instant()), Store.ANY)));
    }
}
