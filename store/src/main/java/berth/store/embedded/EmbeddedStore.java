package berth.store.embedded;

import berth.store.Change;
import berth.store.ChangeFeed;
import berth.store.Store;
import berth.store.StoreFailure;
import berth.store.StoredRecord;
import berth.store.Subscription;
import berth.store.VersionConflict;
import berth.store.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The default {@link Store}: all records in memory, every commit appended to a checksummed log in a
 * directory and forced to disk before it is acknowledged, the log compacted into a snapshot as it
 * grows (see {@link StateDirectory} for the files and {@link LogCompactor} for the steps). One process
 * at a time may open a directory. Versions are the global commit sequence, so they are never reused.
 */
public final class EmbeddedStore implements Store {
    /** The largest commit: one log frame, read back whole into memory on recovery. */
    public static final long MAX_COMMIT_BYTES = 512L << 20;

    private final Path root;
    private final StateDirectory directory;
    private final RecordIndex index;
    private final ChangeFeed feed;
    private final CommitWriter writer;
    private volatile boolean closed;

    private EmbeddedStore(Path root, StateDirectory directory, RecordIndex index, ChangeFeed feed, CommitWriter writer) {
        this.root = root;
        this.directory = directory;
        this.index = index;
        this.feed = feed;
        this.writer = writer;
    }

    public static EmbeddedStore open(Path directory) {
        return open(directory, CompactionPolicy.DEFAULT);
    }

    /**
     * Opens (creating if needed) the store in {@code directory}: loads the current snapshot, replays
     * the log after it, cutting off a torn tail.
     *
     * @throws StoreFailure if another process has the directory open, or its files are unreadable
     */
    public static EmbeddedStore open(Path directory, CompactionPolicy compaction) {
        Path root = directory.toAbsolutePath();
        StateDirectory files = StateDirectory.lock(root);
        try {
            long generation = files.currentGeneration();
            RecordIndex index = new RecordIndex();
            long sequence = 0;
            Path snapshot = files.snapshot(generation);
            if (generation > 0) {
                SnapshotFile.Image image = SnapshotFile.read(snapshot);
                index.applyUnlocked(image.records());
                sequence = image.sequence();
            }
            long[] lastSequence = {sequence};
            Path logPath = files.log(generation);
            CommitLog log;
            if (Files.exists(logPath)) {
                log = CommitLog.recover(logPath, sequence, commit -> {
                    index.applyUnlocked(commit.records());
                    lastSequence[0] = commit.sequence();
                });
            } else {
                log = CommitLog.create(logPath);
                files.sync();
            }
            files.removeAllBut(generation);
            ChangeFeed feed = new ChangeFeed("berth-store-watch " + root.getFileName());
            LogCompactor compactor = new LogCompactor(files, compaction, log, generation);
            CommitWriter writer = new CommitWriter(index, feed, compactor, lastSequence[0],
                    "berth-store-writer " + root.getFileName());
            writer.start();
            return new EmbeddedStore(root, files, index, feed, writer);
        } catch (IOException e) {
            files.close();
            throw new StoreFailure("cannot open store in " + root + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    public Path directory() {
        return root;
    }

    @Override
    public Optional<StoredRecord> get(String kind, String key) {
        requireOpen();
        return index.get(kind, key);
    }

    @Override
    public List<StoredRecord> list(String kind, String keyPrefix) {
        requireOpen();
        return index.list(kind, keyPrefix);
    }

    @Override
    public List<StoredRecord> commit(List<Write> writes) throws VersionConflict {
        requireOpen();
        if (writes.isEmpty()) return List.of();
        Set<RecordAddress> addresses = new HashSet<>();
        for (Write write : writes) {
            if (!addresses.add(new RecordAddress(write.kind(), write.key()))) {
                throw new IllegalArgumentException("commit addresses " + write.kind() + "/" + write.key() + " twice");
            }
        }
        if (CommitWriter.Writes.estimatedBytes(writes) > MAX_COMMIT_BYTES) {
            throw new IllegalArgumentException("commit of " + writes.size() + " writes is larger than "
                    + (MAX_COMMIT_BYTES >> 20) + " MiB");
        }
        CompletableFuture<List<StoredRecord>> outcome = new CompletableFuture<>();
        writer.submit(new CommitWriter.Writes(List.copyOf(writes), outcome));
        return await(outcome);
    }

    @Override
    public Subscription watch(String kindPrefix, Consumer<Change> listener) {
        requireOpen();
        return feed.subscribe(kindPrefix, listener);
    }

    @Override
    public List<StoredRecord> scanAll() {
        requireOpen();
        return index.all();
    }

    @Override
    public void clear(String kindPrefix) {
        requireOpen();
        CompletableFuture<List<StoredRecord>> outcome = new CompletableFuture<>();
        writer.submit(new CommitWriter.Clear(kindPrefix, outcome));
        await(outcome);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        writer.close();
        feed.close();
        directory.close();
    }

    private void requireOpen() {
        if (closed) throw new StoreFailure("store in " + root + " is closed");
    }

    private static List<StoredRecord> await(CompletableFuture<List<StoredRecord>> outcome) {
        try {
            return outcome.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VersionConflict conflict) {
                throw new VersionConflict(conflict.kind(), conflict.key(), conflict.expected(), conflict.actual());
            }
            if (cause instanceof StoreFailure failure) throw new StoreFailure(failure.getMessage(), failure);
            throw new StoreFailure("commit failed: " + cause, cause);
        }
    }
}
