package berth.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.store.testing.ManualClock;
import berth.registry.core.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} adapter must do. An adapter's test extends this and says how to open
 * a store (a fresh one, and the same one again as after a restart).
 */
public abstract class BlobStoreContract {
    protected final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    private BlobStore store;

    /** A store with nothing in it. */
    protected abstract BlobStore freshStore() throws Exception;

    /** The same store as a new process would open it. */
    protected abstract BlobStore reopenedStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = freshStore();
    }

    @Test
    void aCompletedUploadIsStoredUnderItsDigest() throws Exception {
        byte[] content = random(300_000, 1);
        Digest digest = sha256(content);
        BlobStore.UploadStatus upload = store.startUpload("owner-a");
        assertThat(store.stat(digest)).isEmpty();
        store.append(upload.id(), 0, new ByteArrayInputStream(content));
        assertThat(store.upload(upload.id()).orElseThrow().size()).isEqualTo(content.length);

        BlobStore.Completion completion = store.complete(upload.id(), digest);

        assertThat(completion).isEqualTo(new BlobStore.Completion.Stored(new BlobStore.BlobInfo(digest, content.length)));
        assertThat(store.stat(digest)).contains(new BlobStore.BlobInfo(digest, content.length));
        try (InputStream in = store.open(digest).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        try (InputStream in = store.open(digest).orElseThrow().open(299_990)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
        assertThat(store.upload(upload.id())).isEmpty();
        assertThat(store.uploads()).isEmpty();
    }

    @Test
    void contentThatDoesNotMatchItsDigestLeavesNothingBehind() throws Exception {
        byte[] content = random(10_000, 2);
        Digest claimed = sha256(random(10_000, 3));
        BlobStore.UploadStatus upload = store.startUpload("owner");
        store.append(upload.id(), -1, new ByteArrayInputStream(content));

        BlobStore.Completion completion = store.complete(upload.id(), claimed);

        assertThat(completion).isEqualTo(new BlobStore.Completion.DigestMismatch(sha256(content), content.length));
        assertThat(store.stat(claimed)).isEmpty();
        assertThat(store.stat(sha256(content))).isEmpty();
        assertThat(store.blobs()).isEmpty();
        assertThat(store.uploads()).isEmpty();
        assertThatThrownBy(() -> store.complete(upload.id(), claimed)).isInstanceOf(BlobStore.UnknownUpload.class);
    }

    @Test
    void chunksMustArriveInOrder() throws Exception {
        BlobStore.UploadStatus upload = store.startUpload("owner");
        store.append(upload.id(), 0, new ByteArrayInputStream(new byte[100]));
        assertThatThrownBy(() -> store.append(upload.id(), 0, new ByteArrayInputStream(new byte[10])))
                .isInstanceOfSatisfying(BlobStore.OffsetMismatch.class, e -> assertThat(e.size()).isEqualTo(100));
        store.append(upload.id(), 100, new ByteArrayInputStream(new byte[10]));
        assertThat(store.upload(upload.id()).orElseThrow().size()).isEqualTo(110);
    }

    @Test
    void anInterruptedChunkKeepsWhatArrivedAndTheUploadResumes() throws Exception {
        byte[] content = random(3_000_000, 4);
        BlobStore.UploadStatus upload = store.startUpload("owner");
        assertThatThrownBy(() -> store.append(upload.id(), 0, failingAfter(content, 1_234_567)))
                .isInstanceOf(IOException.class);
        long received = store.upload(upload.id()).orElseThrow().size();
        assertThat(received).isEqualTo(1_234_567);

        store.append(upload.id(), received, new ByteArrayInputStream(content, (int) received, content.length - (int) received));

        assertThat(store.complete(upload.id(), sha256(content))).isInstanceOf(BlobStore.Completion.Stored.class);
    }

    @Test
    void anUploadSurvivesARestartAndIsVerifiedInFull() throws Exception {
        byte[] content = random(2_000_000, 5);
        BlobStore.UploadStatus upload = store.startUpload("owner-z");
        store.append(upload.id(), 0, new ByteArrayInputStream(content, 0, 1_000_000));

        BlobStore again = reopenedStore();
        assertThat(again.upload(upload.id()).orElseThrow().owner()).isEqualTo("owner-z");
        again.append(upload.id(), 1_000_000, new ByteArrayInputStream(content, 1_000_000, 1_000_000));

        assertThat(again.complete(upload.id(), sha256(content))).isInstanceOf(BlobStore.Completion.Stored.class);
        try (InputStream in = again.open(sha256(content)).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void sha512DigestsAreVerifiedToo() throws Exception {
        byte[] content = random(5_000, 6);
        Digest digest = Digest.of("sha512", MessageDigest.getInstance("SHA-512").digest(content));
        BlobStore.UploadStatus upload = store.startUpload("owner");
        store.append(upload.id(), 0, new ByteArrayInputStream(content));
        assertThat(store.complete(upload.id(), digest)).isInstanceOf(BlobStore.Completion.Stored.class);
        assertThat(store.stat(digest).orElseThrow().size()).isEqualTo(5_000);
    }

    @Test
    void concurrentUploadsOfTheSameContentAllSucceedAndStoreOneBlob() throws Exception {
        byte[] content = random(1_000_000, 7);
        Digest digest = sha256(content);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BlobStore.Completion>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    BlobStore.UploadStatus upload = store.startUpload("owner");
                    store.append(upload.id(), 0, new ByteArrayInputStream(content));
                    return store.complete(upload.id(), digest);
                }));
            }
            for (Future<BlobStore.Completion> result : results) {
                assertThat(result.get()).isEqualTo(new BlobStore.Completion.Stored(new BlobStore.BlobInfo(digest, content.length)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.blobs()).extracting(BlobStore.BlobUsage::digest).containsExactly(digest);
        assertThat(store.uploads()).isEmpty();
        try (InputStream in = store.open(digest).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void unknownUploadsAreRefused() {
        assertThatThrownBy(() -> store.append("00000000-0000-0000-0000-000000000000", 0, new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(BlobStore.UnknownUpload.class);
        assertThatThrownBy(() -> store.append("../../etc", 0, new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(BlobStore.UnknownUpload.class);
        assertThat(store.upload("not-an-id")).isEmpty();
    }

    @Test
    void cancelledUploadsAreGone() throws Exception {
        BlobStore.UploadStatus upload = store.startUpload("owner");
        store.append(upload.id(), 0, new ByteArrayInputStream(new byte[10]));
        store.cancel(upload.id());
        assertThat(store.upload(upload.id())).isEmpty();
        assertThat(store.uploads()).isEmpty();
    }

    @Test
    void deletionSparesPinnedAndRecentlyUsedBlobs() throws Exception {
        Digest digest = put(random(1_000, 8));
        Instant createdAt = clock.instant();
        clock.advance(Duration.ofHours(2));
        Instant cutoff = clock.instant().minus(Duration.ofHours(1));

        try (BlobStore.Pin pin = store.pin(List.of(digest))) {
            assertThat(store.deleteIfUnusedSince(digest, cutoff)).isFalse();
        }
        // closing the pin was a use
        assertThat(store.deleteIfUnusedSince(digest, cutoff)).isFalse();
        assertThat(store.blobs()).singleElement().satisfies(b -> assertThat(b.lastUsed()).isAfter(createdAt));

        clock.advance(Duration.ofHours(2));
        store.touch(digest);
        assertThat(store.deleteIfUnusedSince(digest, clock.instant().minus(Duration.ofMinutes(1)))).isFalse();

        clock.advance(Duration.ofHours(2));
        assertThat(store.deleteIfUnusedSince(digest, clock.instant().minus(Duration.ofMinutes(1)))).isTrue();
        assertThat(store.stat(digest)).isEmpty();
        assertThat(store.blobs()).isEmpty();
    }

    @Test
    void clearRemovesBlobsAndUploads() throws Exception {
        Digest digest = put(random(100, 9));
        store.startUpload("owner");
        store.clear();
        assertThat(store.stat(digest)).isEmpty();
        assertThat(store.blobs()).isEmpty();
        assertThat(store.uploads()).isEmpty();
        assertThat(put(random(100, 9))).isEqualTo(digest);
    }

    protected Digest put(byte[] content) throws Exception {
        BlobStore.UploadStatus upload = store.startUpload("owner");
        store.append(upload.id(), 0, new ByteArrayInputStream(content));
        store.complete(upload.id(), sha256(content));
        return sha256(content);
    }

    protected static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static Digest sha256(byte[] content) throws Exception {
        return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static InputStream failingAfter(byte[] content, int bytes) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position >= bytes) throw new IOException("connection reset");
                return content[position++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= bytes) throw new IOException("connection reset");
                int n = Math.min(Math.min(len, 64 * 1024), bytes - position);
                System.arraycopy(content, position, b, off, n);
                position += n;
                return n;
            }
        };
    }
}
