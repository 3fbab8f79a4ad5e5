package berth.logs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Segment storage of every stream's events, on this layout:
 *
 * <pre>
 * root/                      (berth home/logs)
 *   streams/
 *     &lt;storageId&gt;/            one directory per log stream, named by the id its record carries
 *       0000000001.seg       segments in order: 8-byte magic "BERTHLG1", then event records
 *       0000000002.seg       (see EventRecords); a new one starts past 64 MiB
 *       0000000002.seg.tmp   a retention rewrite not yet renamed (removed on open)
 * </pre>
 *
 * Streams are opened on first use and stay open; their directories are created on first append.
 */
public final class LogStorage implements AutoCloseable {
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path streamsDir;
    private final Path root;
    private final long maxSegmentBytes;
    /** Open streams; opening one (which may scan its segments) holds up only streams hashed alongside it. */
    private final Map<String, StreamLog> open = new ConcurrentHashMap<>();

    public LogStorage(Path root) {
        this(root, DEFAULT_MAX_SEGMENT_BYTES);
    }

    public LogStorage(Path root, long maxSegmentBytes) {
        this.root = root;
        this.streamsDir = root.resolve("streams");
        this.maxSegmentBytes = maxSegmentBytes;
    }

    /** A fresh storage id: 24 hex digits, never reused. */
    public static String newStorageId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The stream stored under {@code storageId}, opened (and recovered) on first use. */
    public StreamLog stream(String storageId) {
        requireId(storageId);
        return open.computeIfAbsent(storageId, id -> {
            try {
                return StreamLog.open(id, streamsDir.resolve(id), maxSegmentBytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open log stream storage " + id, e);
            }
        });
    }

    /** Removes a stream's events for good. */
    public void delete(String storageId) throws IOException {
        requireId(storageId);
        StreamLog log = open.remove(storageId);
        if (log != null) log.deleteFiles();
        Directories.deleteTree(streamsDir.resolve(storageId));
    }

    /** The storage ids that have files, for removing the files of streams whose records are gone. */
    public Set<String> storedIds() throws IOException {
        if (!Files.isDirectory(streamsDir)) return Set.of();
        try (Stream<Path> dirs = Files.list(streamsDir)) {
            return dirs.map(p -> p.getFileName().toString()).filter(LogStorage::validId).collect(Collectors.toSet());
        }
    }

    /** Removes every stream's files: berth's reset. */
    public void clear() throws IOException {
        List<StreamLog> closing = List.copyOf(open.values());
        open.clear();
        closing.forEach(StreamLog::close);
        Directories.deleteTree(root);
    }

    @Override
    public void close() {
        open.values().forEach(StreamLog::close);
        open.clear();
    }

    private static void requireId(String storageId) {
        if (!validId(storageId)) throw new IllegalArgumentException("not a storage id: " + storageId);
    }

    private static boolean validId(String id) {
        return id.length() == 24 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
