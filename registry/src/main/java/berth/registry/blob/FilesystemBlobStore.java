package berth.registry.blob;

import berth.registry.core.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link BlobStore} in a directory:
 * <pre>
 * blobs/sha256/ab/abcdef…     one file per blob, named by its digest, never rewritten
 * uploads/&lt;uuid&gt;/data        the bytes received so far
 * uploads/&lt;uuid&gt;/owner       the owner label and start time
 * </pre>
 * A blob appears only by {@code rename(2)} of a completed upload's {@code data} after it was
 * verified and forced to disk, followed by a sync of the directory, so a crash leaves either no
 * blob or the whole, verified blob. Concurrent uploads of the same content each write their own
 * file; renaming one over the other is harmless since the bytes are identical. A blob's last use is
 * its file's modification time (set from the store's clock), so it survives restarts; pins live in
 * memory and die with the process, like the requests that held them. Every decision about one
 * digest (use, pin, delete, appear) runs inside {@link ConcurrentHashMap#compute} on that digest,
 * which is what makes {@link #deleteIfUnusedSince} atomic with respect to them.
 */
public final class FilesystemBlobStore implements BlobStore {
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path blobsRoot;
    private final Path uploadsRoot;
    private final Clock clock;
    private final ConcurrentHashMap<String, Integer> pins = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, UploadProgress> progress = new ConcurrentHashMap<>();

    /** What is known in memory about an upload: a lock and the running SHA-256 of its data. */
    private static final class UploadProgress {
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        MessageDigest sha256;
        long hashedBytes = -1;
    }

    public FilesystemBlobStore(Path root, Clock clock) throws IOException {
        this.blobsRoot = root.resolve("blobs");
        this.uploadsRoot = root.resolve("uploads");
        this.clock = clock;
        Files.createDirectories(blobsRoot);
        Files.createDirectories(uploadsRoot);
    }

    Path blobPath(Digest digest) {
        return blobsRoot.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        try {
            return Optional.of(new BlobInfo(digest, Files.size(blobPath(digest))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<BlobContent> open(Digest digest) {
        Path file = blobPath(digest);
        return stat(digest).map(info -> new BlobContent() {
            @Override
            public long size() {
                return info.size();
            }

            @Override
            public InputStream open(long offset) throws IOException {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                return Channels.newInputStream(channel);
            }

            @Override
            public Optional<Path> file() {
                return Optional.of(file);
            }
        });
    }

    @Override
    public Optional<BlobInfo> touch(Digest digest) {
        pins.compute(digest.toString(), (key, count) -> {
            markUsed(blobPath(digest));
            return count;
        });
        return stat(digest);
    }

    @Override
    public Pin pin(Collection<Digest> digests) {
        List<Digest> held = List.copyOf(digests);
        for (Digest digest : held) {
            pins.compute(digest.toString(), (key, count) -> {
                markUsed(blobPath(digest));
                return count == null ? 1 : count + 1;
            });
        }
        return () -> {
            for (Digest digest : held) {
                pins.compute(digest.toString(), (key, count) -> {
                    markUsed(blobPath(digest));
                    return count == null || count <= 1 ? null : count - 1;
                });
            }
        };
    }

    private void markUsed(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (NoSuchFileException absent) {
            // nothing to mark: the blob does not exist (yet)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public UploadStatus startUpload(String owner) {
        String id = UUID.randomUUID().toString();
        Path dir = uploadsRoot.resolve(id);
        Instant now = clock.instant();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("owner"), owner + "\n" + now.toEpochMilli() + "\n", StandardCharsets.UTF_8);
            Files.createFile(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UploadProgress fresh = new UploadProgress();
        fresh.sha256 = sha256();
        fresh.hashedBytes = 0;
        progress.put(id, fresh);
        return new UploadStatus(id, owner, 0, now, now);
    }

    @Override
    public Optional<UploadStatus> upload(String id) {
        if (!UPLOAD_ID.matcher(id).matches()) return Optional.empty();
        Path dir = uploadsRoot.resolve(id);
        try {
            List<String> owner = Files.readAllLines(dir.resolve("owner"), StandardCharsets.UTF_8);
            BasicFileAttributes data = Files.readAttributes(dir.resolve("data"), BasicFileAttributes.class);
            return Optional.of(new UploadStatus(id, owner.get(0), data.size(),
                    Instant.ofEpochMilli(Long.parseLong(owner.get(1))), data.lastModifiedTime().toInstant()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public UploadStatus append(String id, long expectedOffset, InputStream data) throws UnknownUpload, OffsetMismatch, IOException {
        UploadProgress state = lockUpload(id);
        try {
            Path file = uploadsRoot.resolve(id).resolve("data");
            long size = Files.size(file);
            if (expectedOffset >= 0 && expectedOffset != size) throw new OffsetMismatch(size);
            if (state.hashedBytes != size) state.sha256 = null;
            state.hashedBytes = -1;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                UploadAppender.Appended appended = UploadAppender.append(channel, data, state.sha256);
                size += appended.bytes();
                if (state.sha256 != null) state.hashedBytes = size;
                if (appended.bodyFailure() != null) throw appended.bodyFailure();
            } finally {
                try {
                    Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
                } catch (NoSuchFileException gone) {
                    // cancelled meanwhile
                }
            }
            return upload(id).orElseThrow(() -> new UnknownUpload(id));
        } catch (NoSuchFileException gone) {
            throw new UnknownUpload(id);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Completion complete(String id, Digest expected) throws UnknownUpload, IOException {
        UploadProgress state = lockUpload(id);
        try {
            Path dir = uploadsRoot.resolve(id);
            Path file = dir.resolve("data");
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException gone) {
                throw new UnknownUpload(id);
            }
            Digest actual = expected.algorithm().equals("sha256") && state.sha256 != null && state.hashedBytes == size
                    ? Digest.sha256(state.sha256.digest()) : BlobFiles.hash(file, expected);
            if (!actual.equals(expected)) {
                deleteUpload(id);
                return new Completion.DigestMismatch(actual, size);
            }
            Path target = blobPath(expected);
            Files.createDirectories(target.getParent());
            boolean[] moved = {false};
            try {
                pins.compute(expected.toString(), (key, count) -> {
                    try {
                        if (Files.exists(target)) {
                            // the same bytes are stored already: these need not reach the disk
                            markUsed(target);
                        } else {
                            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                                channel.force(true);
                            }
                            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                            Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
                            moved[0] = true;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return count;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (moved[0]) BlobFiles.syncDirectory(target.getParent());
            deleteUpload(id);
            return new Completion.Stored(new BlobInfo(expected, size));
        } finally {
            state.lock.unlock();
        }
    }

    private UploadProgress lockUpload(String id) throws UnknownUpload {
        if (!UPLOAD_ID.matcher(id).matches() || !Files.isDirectory(uploadsRoot.resolve(id))) throw new UnknownUpload(id);
        UploadProgress state = progress.computeIfAbsent(id, k -> new UploadProgress());
        state.lock.lock();
        if (!Files.isDirectory(uploadsRoot.resolve(id))) {
            state.lock.unlock();
            throw new UnknownUpload(id);
        }
        return state;
    }

    @Override
    public void cancel(String id) {
        if (!UPLOAD_ID.matcher(id).matches()) return;
        UploadProgress state = progress.computeIfAbsent(id, k -> new UploadProgress());
        state.lock.lock();
        try {
            deleteUpload(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            state.lock.unlock();
        }
    }

    private void deleteUpload(String id) throws IOException {
        Path dir = uploadsRoot.resolve(id);
        Files.deleteIfExists(dir.resolve("data"));
        Files.deleteIfExists(dir.resolve("owner"));
        Files.deleteIfExists(dir);
        progress.remove(id);
    }

    @Override
    public List<BlobUsage> blobs() {
        return BlobFiles.list(blobsRoot);
    }

    @Override
    public List<UploadStatus> uploads() {
        List<UploadStatus> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(uploadsRoot)) {
            for (Path dir : dirs) upload(dir.getFileName().toString()).ifPresent(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public boolean deleteIfUnusedSince(Digest digest, Instant cutoff) throws IOException {
        Path file = blobPath(digest);
        boolean[] deleted = {false};
        try {
            pins.compute(digest.toString(), (key, count) -> {
                if (count != null && count > 0) return count;
                try {
                    Instant lastUsed = Files.getLastModifiedTime(file).toInstant();
                    if (!lastUsed.isBefore(cutoff)) return count;
                    deleted[0] = Files.deleteIfExists(file);
                } catch (NoSuchFileException gone) {
                    // already gone
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return count;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return deleted[0];
    }

    @Override
    public void clear() throws IOException {
        BlobFiles.deleteTree(blobsRoot);
        BlobFiles.deleteTree(uploadsRoot);
        progress.clear();
        Files.createDirectories(blobsRoot);
        Files.createDirectories(uploadsRoot);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
