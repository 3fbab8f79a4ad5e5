package berth.store.embedded;

import berth.store.StoreFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the current generation's log and starts the next generation when the {@link CompactionPolicy}
 * says the log has grown too big for the live data. Runs on the commit writer between batches, so
 * the snapshot holds exactly the commits appended so far. Every step leaves a recoverable directory:
 *
 * <ol>
 *   <li>write and force {@code snapshot-N.tmp} (a crash leaves a temporary file, ignored on open);
 *   <li>rename it to {@code snapshot-N} and sync the directory (from here on, generation N is
 *       current: it holds every commit of generation N-1);
 *   <li>create and force the empty {@code log-N}, sync the directory (a crash before this leaves no
 *       or a headerless log, which open recreates empty);
 *   <li>switch appends to {@code log-N}, then remove generation N-1's files.
 * </ol>
 */
final class LogCompactor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogCompactor.class);

    private final StateDirectory directory;
    private final CompactionPolicy policy;
    private CommitLog current;
    private long generation;
    /** After a failed attempt, the log size to wait for before trying again. */
    private long retryAtLogBytes;

    LogCompactor(StateDirectory directory, CompactionPolicy policy, CommitLog current, long generation) {
        this.directory = directory;
        this.policy = policy;
        this.current = current;
        this.generation = generation;
    }

    CommitLog log() {
        return current;
    }

    /**
     * Compacts if due. {@code sequence} is the last commit appended to the log and applied to
     * {@code index}.
     *
     * @throws StoreFailure when compaction failed past the point of no return (the snapshot is
     *     named): appending to the old log would then lose commits on the next open
     */
    void compactIfDue(long sequence, RecordIndex index) {
        long logBytes = current.size();
        if (!policy.due(logBytes, index.liveBytes()) || logBytes < retryAtLogBytes) return;
        long next = generation + 1;
        Path temporary = directory.snapshotInProgress(next);
        try {
            SnapshotFile.write(temporary, sequence, index.writerRecords());
            Files.move(temporary, directory.snapshot(next), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("store compaction in {} failed; keeping generation {}", directory.root(), generation, e);
            deleteQuietly(temporary);
            retryAtLogBytes = logBytes * 2;
            return;
        }
        try {
            directory.sync();
            CommitLog fresh = CommitLog.create(directory.log(next));
            directory.sync();
            CommitLog previous = current;
            current = fresh;
            generation = next;
            retryAtLogBytes = 0;
            previous.close();
            directory.removeAllBut(next);
        } catch (IOException e) {
            throw new StoreFailure("store compaction in " + directory.root() + " failed after snapshot "
                    + next + " was named; reopen the store", e);
        }
        log.debug("store {} compacted to generation {}: log was {} bytes, live data about {} bytes",
                directory.root(), next, logBytes, index.liveBytes());
    }

    @Override
    public void close() {
        try {
            current.close();
        } catch (IOException e) {
            log.warn("could not close commit log {}", current.path(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove {}", file, e);
        }
    }
}
