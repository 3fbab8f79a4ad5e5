package berth.registry.blob;

import berth.registry.core.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BlobStore} in an S3 bucket (berth's own S3 or any S3-compatible endpoint), under a key prefix:
 * <pre>
 * blobs/sha256/abcdef…                  one object per blob, named by its digest, never rewritten
 * used/sha256/abcdef…                   the blob's last use, epoch milliseconds of the store's clock
 * uploads/&lt;uuid&gt;/owner                 the owner label and start time
 * uploads/&lt;uuid&gt;/chunk-&lt;offset&gt;-&lt;ms&gt;   each appended chunk, its offset zero-padded so keys list in order
 * </pre>
 * S3 has no append, so every chunk is an object of its own (spooled to a local file first, so its
 * length is known and a chunk cut short still keeps what arrived). Completing reads the chunks back in
 * order, verifies the digest, and only then writes the blob object: a blob is visible only once whole
 * and verified. Last use is its own small object because S3's LastModified is the server's time, not
 * this store's clock. As in {@link FilesystemBlobStore}, pins live in memory, and every decision about
 * one digest (use, pin, delete, appear) holds that digest's monitor, which makes
 * {@link #deleteIfUnusedSince} atomic with respect to the others within this process.
 */
public final class S3BlobStore implements BlobStore {
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CHUNK = Pattern.compile("chunk-(\\d{20})-(\\d+)");

    private final S3Objects objects;
    private final Path spool;
    private final Clock clock;
    private final ConcurrentHashMap<String, DigestState> digests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> uploadLocks = new ConcurrentHashMap<>();

    /** In memory per digest: its monitor and how many pins hold it. */
    private static final class DigestState {
        int pins;
    }

    /** One chunk object of an upload. */
    private record Chunk(String key, long offset, long size, Instant at) {}

    /**
     * @param prefix key prefix inside the bucket, empty or ending in {@code /}
     * @param spool a local directory for chunks and completions on their way to S3
     */
    public S3BlobStore(S3Client s3, String bucket, String prefix, Path spool, Clock clock) throws IOException {
        this(new S3Objects(s3, bucket, prefix), spool, clock);
    }

    S3BlobStore(S3Objects objects, Path spool, Clock clock) throws IOException {
        this.objects = objects;
        this.spool = spool;
        this.clock = clock;
        Files.createDirectories(spool);
    }

    private static String blobKey(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    private static String usedKey(Digest digest) {
        return "used/" + digest.algorithm() + "/" + digest.hex();
    }

    private static String uploadPrefix(String id) {
        return "uploads/" + id + "/";
    }

    private DigestState state(Digest digest) {
        return digests.computeIfAbsent(digest.toString(), k -> new DigestState());
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return objects.size(blobKey(digest)).map(size -> new BlobInfo(digest, size));
    }

    @Override
    public Optional<BlobContent> open(Digest digest) {
        return stat(digest).map(info -> new BlobContent() {
            @Override
            public long size() {
                return info.size();
            }

            @Override
            public InputStream open(long offset) throws IOException {
                if (offset >= info.size()) return new ByteArrayInputStream(new byte[0]);
                return objects.read(blobKey(digest), offset);
            }

            @Override
            public Optional<Path> file() {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<BlobInfo> touch(Digest digest) {
        DigestState state = state(digest);
        synchronized (state) {
            Optional<BlobInfo> found = stat(digest);
            if (found.isPresent()) markUsed(digest);
            return found;
        }
    }

    @Override
    public Pin pin(Collection<Digest> digests) {
        List<Digest> held = List.copyOf(digests);
        for (Digest digest : held) {
            DigestState state = state(digest);
            synchronized (state) {
                state.pins++;
                markUsed(digest);
            }
        }
        return () -> {
            for (Digest digest : held) {
                DigestState state = state(digest);
                synchronized (state) {
                    state.pins = Math.max(0, state.pins - 1);
                    markUsed(digest);
                }
            }
        };
    }

    private void markUsed(Digest digest) {
        objects.put(usedKey(digest), Long.toString(clock.millis()));
    }

    private Optional<Instant> lastUsed(Digest digest) {
        return objects.text(usedKey(digest)).map(text -> Instant.ofEpochMilli(Long.parseLong(text.strip())));
    }

    @Override
    public UploadStatus startUpload(String owner) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        objects.put(uploadPrefix(id) + "owner", owner + "\n" + now.toEpochMilli() + "\n");
        return new UploadStatus(id, owner, 0, now, now);
    }

    @Override
    public Optional<UploadStatus> upload(String id) {
        if (!UPLOAD_ID.matcher(id).matches()) return Optional.empty();
        Optional<String> owner = objects.text(uploadPrefix(id) + "owner");
        if (owner.isEmpty()) return Optional.empty();
        String[] lines = owner.get().split("\n");
        Instant started = Instant.ofEpochMilli(Long.parseLong(lines[1]));
        List<Chunk> chunks = chunks(id);
        long size = chunks.isEmpty() ? 0 : chunks.getLast().offset() + chunks.getLast().size();
        Instant last = chunks.stream().map(Chunk::at).max(Instant::compareTo).filter(at -> at.isAfter(started)).orElse(started);
        return Optional.of(new UploadStatus(id, lines[0], size, started, last));
    }

    private List<Chunk> chunks(String id) {
        List<Chunk> out = new ArrayList<>();
        for (S3Object object : objects.list(uploadPrefix(id) + "chunk-")) {
            var m = CHUNK.matcher(object.key().substring(object.key().lastIndexOf('/') + 1));
            if (m.matches()) {
                out.add(new Chunk(objects.relative(object.key()), Long.parseLong(m.group(1)), object.size(), Instant.ofEpochMilli(Long.parseLong(m.group(2)))));
            }
        }
        return out;
    }

    private ReentrantLock lockUpload(String id) throws UnknownUpload {
        if (!UPLOAD_ID.matcher(id).matches()) throw new UnknownUpload(id);
        ReentrantLock lock = uploadLocks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        return lock;
    }

    @Override
    public UploadStatus append(String id, long expectedOffset, InputStream data) throws UnknownUpload, OffsetMismatch, IOException {
        ReentrantLock lock = lockUpload(id);
        try {
            UploadStatus status = upload(id).orElseThrow(() -> new UnknownUpload(id));
            if (expectedOffset >= 0 && expectedOffset != status.size()) throw new OffsetMismatch(status.size());
            Path file = Files.createTempFile(spool, "chunk-", ".part");
            try {
                IOException bodyFailure = null;
                long bytes = 0;
                try (OutputStream out = Files.newOutputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    int read;
                    try {
                        while ((read = data.read(buffer)) > 0) {
                            out.write(buffer, 0, read);
                            bytes += read;
                        }
                    } catch (IOException e) {
                        bodyFailure = e;
                    }
                }
                if (bytes > 0) {
                    String key = uploadPrefix(id) + "chunk-" + String.format("%020d", status.size()) + "-" + clock.millis();
                    objects.put(key, file);
                }
                if (bodyFailure != null) throw bodyFailure;
            } finally {
                Files.deleteIfExists(file);
            }
            return upload(id).orElseThrow(() -> new UnknownUpload(id));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Completion complete(String id, Digest expected) throws UnknownUpload, IOException {
        ReentrantLock lock = lockUpload(id);
        try {
            if (objects.size(uploadPrefix(id) + "owner").isEmpty()) throw new UnknownUpload(id);
            Path file = Files.createTempFile(spool, "blob-", ".data");
            try {
                long size = 0;
                try (OutputStream out = Files.newOutputStream(file)) {
                    for (Chunk chunk : chunks(id)) {
                        if (chunk.offset() != size) throw new IOException("upload " + id + " has a gap at " + size);
                        try (InputStream in = objects.read(chunk.key(), 0)) {
                            size += in.transferTo(out);
                        }
                    }
                }
                Digest actual = BlobFiles.hash(file, expected);
                if (!actual.equals(expected)) {
                    deleteUpload(id);
                    return new Completion.DigestMismatch(actual, size);
                }
                DigestState state = state(expected);
                synchronized (state) {
                    if (objects.size(blobKey(expected)).isEmpty()) objects.put(blobKey(expected), file);
                    markUsed(expected);
                }
                deleteUpload(id);
                return new Completion.Stored(new BlobInfo(expected, size));
            } finally {
                Files.deleteIfExists(file);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel(String id) {
        if (!UPLOAD_ID.matcher(id).matches()) return;
        ReentrantLock lock = uploadLocks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            deleteUpload(id);
        } finally {
            lock.unlock();
        }
    }

    private void deleteUpload(String id) {
        objects.deleteAll(uploadPrefix(id));
        uploadLocks.remove(id);
    }

    @Override
    public List<BlobUsage> blobs() {
        List<BlobUsage> out = new ArrayList<>();
        for (S3Object object : objects.list("blobs/")) {
            String[] parts = objects.relative(object.key()).split("/");
            if (parts.length != 3) continue;
            Digest digest;
            try {
                digest = new Digest(parts[1], parts[2]);
            } catch (IllegalArgumentException notADigest) {
                continue;
            }
            out.add(new BlobUsage(digest, object.size(), lastUsed(digest).orElse(object.lastModified())));
        }
        return out;
    }

    @Override
    public List<UploadStatus> uploads() {
        List<UploadStatus> out = new ArrayList<>();
        for (String id : objects.folders("uploads/")) upload(id).ifPresent(out::add);
        return out;
    }

    @Override
    public boolean deleteIfUnusedSince(Digest digest, Instant cutoff) throws IOException {
        DigestState state = state(digest);
        synchronized (state) {
            if (state.pins > 0) return false;
            try {
                Optional<Instant> used = lastUsed(digest);
                if (used.isEmpty() && objects.size(blobKey(digest)).isEmpty()) return false;
                if (used.isPresent() && !used.get().isBefore(cutoff)) return false;
                if (objects.size(blobKey(digest)).isEmpty()) return false;
                objects.delete(blobKey(digest));
                objects.delete(usedKey(digest));
                return true;
            } catch (S3Exception e) {
                throw new IOException("deleting " + digest + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void clear() throws IOException {
        try {
            objects.deleteAll("");
        } catch (UncheckedIOException | S3Exception e) {
            throw new IOException("clearing the blob store: " + e.getMessage(), e);
        }
        uploadLocks.clear();
    }
}
