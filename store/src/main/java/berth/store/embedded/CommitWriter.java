package berth.store.embedded;

import berth.store.Change;
import berth.store.ChangeFeed;
import berth.store.Store;
import berth.store.StoreFailure;
import berth.store.StoredRecord;
import berth.store.VersionConflict;
import berth.store.Write;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one thread that writes an embedded store (group commit): it takes every commit waiting,
 * checks each against the records as left by the commits before it, appends all their frames to the
 * log, forces once, then applies them to the index, acknowledges them and publishes their changes.
 * So many concurrent committers share one fsync, and no reader or watcher ever sees a change that is
 * not yet durable. It also compacts the log, between batches.
 */
final class CommitWriter {
    private static final int MAX_BATCH = 4096;
    /** Bounds the frames of one batch held in memory (a single larger commit still goes alone). */
    private static final long MAX_BATCH_BYTES = 64L << 20;

    /** A commit waiting for the writer. */
    sealed interface Request {
        CompletableFuture<List<StoredRecord>> outcome();

        /** Roughly how many log bytes the request adds. */
        long estimatedBytes();
    }

    record Writes(List<Write> writes, CompletableFuture<List<StoredRecord>> outcome) implements Request {
        @Override
        public long estimatedBytes() {
            return estimatedBytes(writes);
        }

        /** An upper bound of the encoded size (UTF-8 needs at most 3 bytes per UTF-16 char). */
        static long estimatedBytes(List<Write> writes) {
            long bytes = CommitLog.FRAME_HEADER_BYTES + Long.BYTES + Integer.BYTES;
            for (Write write : writes) {
                bytes += 1 + 3 * Integer.BYTES + 3L * (write.kind().length() + write.key().length());
                if (!write.isDelete()) bytes += write.value().length;
            }
            return bytes;
        }
    }

    record Clear(String kindPrefix, CompletableFuture<List<StoredRecord>> outcome) implements Request {
        @Override
        public long estimatedBytes() {
            return 0;
        }
    }

    /** Queued by {@link #close()}: the writer finishes what came before it and stops. */
    private static final Request STOP = new Writes(List.of(), new CompletableFuture<>());

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final RecordIndex index;
    private final ChangeFeed feed;
    private final LogCompactor compactor;
    private final Thread thread;
    private long sequence;
    /** Set when a write or compaction failed: the log's state is unknown, so every later commit fails. */
    private StoreFailure failure;
    private boolean closed;

    CommitWriter(RecordIndex index, ChangeFeed feed, LogCompactor compactor, long sequence, String threadName) {
        this.index = index;
        this.feed = feed;
        this.compactor = compactor;
        this.sequence = sequence;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    synchronized void submit(Request request) {
        if (closed) throw new StoreFailure("store is closed");
        queue.add(request);
    }

    /** Lets queued commits finish, then stops the writer and closes the log. */
    void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            queue.add(STOP);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        compactor.close();
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            Request next = takeUninterruptibly();
            long bytes = 0;
            while (next != null && next != STOP) {
                batch.add(next);
                bytes += next.estimatedBytes();
                next = batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES ? queue.poll() : null;
            }
            if (!batch.isEmpty()) writeBatchOrFail(batch);
            if (next == STOP) return;
        }
    }

    /**
     * An unexpected error must not leave committers waiting forever: it fails the store instead, and
     * the writer stays alive to fail every later commit the same way.
     */
    private void writeBatchOrFail(List<Request> batch) {
        try {
            writeBatch(batch);
        } catch (RuntimeException | Error e) {
            failure = new StoreFailure("commit writer failed; the outcome of the commits in flight is unknown;"
                    + " reopen the store", e);
            batch.forEach(request -> request.outcome().completeExceptionally(failure));
        }
    }

    private void writeBatch(List<Request> batch) {
        if (failure != null) {
            batch.forEach(request -> request.outcome().completeExceptionally(failure));
            return;
        }
        Staging staging = new Staging();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        List<Request> accepted = new ArrayList<>(batch.size());
        List<List<StoredRecord>> results = new ArrayList<>(batch.size());
        List<StoredRecord> changes = new ArrayList<>();
        for (Request request : batch) {
            List<StoredRecord> result;
            try {
                result = switch (request) {
                    case Writes w -> staging.writes(w.writes());
                    case Clear c -> staging.clear(c.kindPrefix());
                };
            } catch (VersionConflict conflict) {
                request.outcome().completeExceptionally(conflict);
                continue;
            }
            List<StoredRecord> changed = result.stream().filter(r -> r.version() != Store.ABSENT).toList();
            if (!changed.isEmpty()) {
                CommitLog.appendFrame(frames, new LoggedCommit(changed.get(0).version(), changed).encode());
                changes.addAll(changed);
            }
            accepted.add(request);
            results.add(result);
        }
        if (frames.size() > 0) {
            try {
                compactor.log().append(ByteBuffer.wrap(frames.toByteArray()));
                compactor.log().force();
            } catch (IOException e) {
                failure = new StoreFailure("commit log " + compactor.log().path() + " could not be written;"
                        + " the outcome of the commits in flight is unknown; reopen the store", e);
                accepted.forEach(request -> request.outcome().completeExceptionally(failure));
                return;
            }
        }
        index.apply(changes);
        for (int i = 0; i < accepted.size(); i++) {
            accepted.get(i).outcome().complete(results.get(i));
        }
        feed.publish(changes.stream().map(Change::new).toList());
        try {
            compactor.compactIfDue(sequence, index);
        } catch (StoreFailure e) {
            failure = e;
        }
    }

    private Request takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException ignored) {
                // Only close() stops the writer, through STOP, so queued commits are never dropped.
            }
        }
    }

    /** The records as the commits staged so far in this batch leave them, over the index. */
    private final class Staging {
        private final Map<RecordAddress, StoredRecord> staged = new HashMap<>();

        private StoredRecord current(RecordAddress address) {
            StoredRecord record = staged.containsKey(address) ? staged.get(address) : index.writerGet(address);
            return record == null || record.deleted() ? null : record;
        }

        List<StoredRecord> writes(List<Write> writes) {
            List<StoredRecord> found = new ArrayList<>(writes.size());
            boolean changesSomething = false;
            for (Write write : writes) {
                StoredRecord current = current(new RecordAddress(write.kind(), write.key()));
                long actual = current == null ? Store.ABSENT : current.version();
                if (write.expectedVersion() != Store.ANY && write.expectedVersion() != actual) {
                    throw new VersionConflict(write.kind(), write.key(), write.expectedVersion(), actual);
                }
                found.add(current);
                changesSomething |= !write.isDelete() || current != null;
            }
            long version = changesSomething ? ++sequence : Store.ABSENT;
            List<StoredRecord> result = new ArrayList<>(writes.size());
            for (int i = 0; i < writes.size(); i++) {
                Write write = writes.get(i);
                if (!write.isDelete()) {
                    result.add(StoredRecord.live(write.kind(), write.key(), version, write.value().clone()));
                } else {
                    long deletedVersion = found.get(i) == null ? Store.ABSENT : version;
                    result.add(new StoredRecord(write.kind(), write.key(), deletedVersion, new byte[0], true));
                }
            }
            stage(result);
            return result;
        }

        List<StoredRecord> clear(String kindPrefix) {
            TreeSet<RecordAddress> addresses = new TreeSet<>(index.writerAddressesOfKinds(kindPrefix));
            staged.keySet().stream().filter(a -> a.kind().startsWith(kindPrefix)).forEach(addresses::add);
            addresses.removeIf(address -> current(address) == null);
            if (addresses.isEmpty()) return List.of();
            long version = ++sequence;
            List<StoredRecord> result = addresses.stream()
                    .map(a -> new StoredRecord(a.kind(), a.key(), version, new byte[0], true))
                    .toList();
            stage(result);
            return result;
        }

        private void stage(List<StoredRecord> result) {
            for (StoredRecord record : result) {
                if (record.version() != Store.ABSENT) staged.put(new RecordAddress(record.kind(), record.key()), record);
            }
        }
    }
}
