package berth.registry.blob;

import berth.registry.core.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed blob storage: blobs are written through upload sessions, verified against
 * their digest when completed, and only then become visible under that digest. A blob, once
 * visible, never changes. The store also tracks when each blob was last used, so the collector of
 * unreferenced blobs ({@code BlobCollector}) never removes one a push is about to reference.
 */
public interface BlobStore {

    /** A stored blob. */
    record BlobInfo(Digest digest, long size) {}

    /** A stored blob and when it was last used (created, checked, pinned or unpinned). */
    record BlobUsage(Digest digest, long size, Instant lastUsed) {}

    /**
     * An upload session.
     *
     * @param owner an opaque label the caller chose at the start (whose upload this is)
     * @param size bytes received so far
     */
    record UploadStatus(String id, String owner, long size, Instant startedAt, Instant lastActivity) {}

    /** A readable blob. */
    interface BlobContent {
        long size();

        /** The blob's bytes from {@code offset} on. */
        InputStream open(long offset) throws IOException;

        /** The blob's file, when the store keeps blobs in files (lets servers send it without copying). */
        Optional<Path> file();
    }

    /** How completing an upload ended. */
    sealed interface Completion {
        /** The upload's bytes had the expected digest and are now the blob {@code blob}. */
        record Stored(BlobInfo blob) implements Completion {}

        /** The bytes did not have the expected digest; the upload is gone and nothing was stored. */
        record DigestMismatch(Digest actual, long size) implements Completion {}
    }

    /** An upload id this store does not know (never started, completed, cancelled or expired). */
    final class UnknownUpload extends Exception {
        public UnknownUpload(String id) {
            super("unknown upload " + id, null, false, false);
        }
    }

    /** A chunk that does not start where the upload's data ends. */
    final class OffsetMismatch extends Exception {
        private final long size;

        public OffsetMismatch(long size) {
            super("the upload has " + size + " bytes", null, false, false);
            this.size = size;
        }

        /** Bytes the upload holds: where the next chunk must start. */
        public long size() {
            return size;
        }
    }

    /** Marks blobs as in use until closed: the collector removes none of them meanwhile. */
    interface Pin extends AutoCloseable {
        @Override
        void close();
    }

    Optional<BlobInfo> stat(Digest digest);

    Optional<BlobContent> open(Digest digest);

    /** Records that {@code digest} was just used (it stays for the collector's grace period); its info if it exists. */
    Optional<BlobInfo> touch(Digest digest);

    /** Keeps {@code digests} from being collected until the pin is closed; closing counts as a use. */
    Pin pin(Collection<Digest> digests);

    UploadStatus startUpload(String owner);

    Optional<UploadStatus> upload(String id);

    /**
     * Appends {@code data} to the upload. Bytes read before {@code data} fails stay in the upload, so
     * an interrupted chunk can be resumed from {@link UploadStatus#size()}.
     *
     * @param expectedOffset where the chunk must start, or {@code -1} to append wherever the data ends
     */
    UploadStatus append(String id, long expectedOffset, InputStream data) throws UnknownUpload, OffsetMismatch, IOException;

    /** Verifies the upload against {@code expected} and, when it matches, stores it durably under that digest. */
    Completion complete(String id, Digest expected) throws UnknownUpload, IOException;

    /** Drops an upload session and its data; unknown ids are ignored. */
    void cancel(String id);

    /** Every stored blob, for the collector. */
    List<BlobUsage> blobs();

    /** Every open upload session, for the collector. */
    List<UploadStatus> uploads();

    /**
     * Deletes the blob unless it is pinned or was used at or after {@code cutoff}; decided and done
     * atomically with respect to {@link #touch} and {@link #pin}.
     *
     * @return whether the blob was deleted
     */
    boolean deleteIfUnusedSince(Digest digest, Instant cutoff) throws IOException;

    /** Removes every blob and upload. */
    void clear() throws IOException;
}
