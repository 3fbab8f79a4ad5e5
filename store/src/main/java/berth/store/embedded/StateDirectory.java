package berth.store.embedded;

import berth.store.StoreFailure;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of an embedded store, all in one directory:
 *
 * <pre>
 * lock                    locked (OS file lock) by the one process that has the store open; holds its pid
 * snapshot-GGGGGGGGGGGGGGGG      every live record at the start of generation G (none for generation 0)
 * log-GGGGGGGGGGGGGGGG           the commits of generation G, after its snapshot
 * snapshot-GGGGGGGGGGGGGGGG.tmp  a snapshot being written; never read, removed on open
 * </pre>
 *
 * G is 16 hex digits. The current generation is the newest one with a named snapshot (or 0); files
 * of other generations are leftovers of a compaction and are removed on open.
 */
final class StateDirectory implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(StateDirectory.class);
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-([0-9a-f]{16})");
    private static final Pattern GENERATION_FILE = Pattern.compile("(log|snapshot)-[0-9a-f]{16}(\\.tmp)?");

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the directory for this process, creating it if needed, or fails naming who holds it. */
    static StateDirectory lock(Path root) {
        FileChannel channel = null;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                throw new StoreFailure("store directory " + root + " is already open in this process");
            }
            if (lock == null) {
                throw new StoreFailure("store directory " + root + " is in use by another process"
                        + holderDescription(channel));
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new StateDirectory(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreFailure("cannot lock store directory " + root, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path root() {
        return root;
    }

    Path log(long generation) {
        return root.resolve("log-" + hex(generation));
    }

    Path snapshot(long generation) {
        return root.resolve("snapshot-" + hex(generation));
    }

    Path snapshotInProgress(long generation) {
        return root.resolve("snapshot-" + hex(generation) + ".tmp");
    }

    /** The newest generation with a named snapshot, or 0. */
    long currentGeneration() throws IOException {
        long newest = 0;
        for (Path file : generationFiles()) {
            Matcher m = SNAPSHOT.matcher(file.getFileName().toString());
            if (m.matches()) newest = Math.max(newest, Long.parseUnsignedLong(m.group(1), 16));
        }
        return newest;
    }

    /** Removes every log and snapshot file not of {@code generation}; a leftover is only untidy. */
    void removeAllBut(long generation) throws IOException {
        Path keepLog = log(generation);
        Path keepSnapshot = snapshot(generation);
        for (Path file : generationFiles()) {
            if (file.equals(keepLog) || file.equals(keepSnapshot)) continue;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not remove leftover store file {}", file, e);
            }
        }
    }

    /** Makes created, renamed and removed names in the directory durable. */
    void sync() throws IOException {
        try (FileChannel directory = FileChannel.open(root, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            log.warn("could not release lock on store directory {}", root, e);
        }
        closeQuietly(lockChannel);
    }

    private List<Path> generationFiles() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> GENERATION_FILE.matcher(f.getFileName().toString()).matches()).toList();
        }
    }

    private static String holderDescription(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(32);
            channel.read(content, 0);
            String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static String hex(long generation) {
        return String.format("%016x", generation);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a lock file we are giving up on; nothing left to protect.
        }
    }
}
