package berth.logs.storage;

import berth.logs.core.OrderedEvents;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The events of one log stream: append-only segment files plus an in-memory index by (timestamp,
 * sequence). An append returns once its bytes are fsynced; appends that arrive while a sync runs
 * share the next one (group commit). Events become visible to readers after they are durable, in
 * the order they were appended.
 */
public final class StreamLog implements Closeable {
    final String storageId;
    final Path dir;
    final long maxSegmentBytes;
    final Object writeLock = new Object();
    final ReentrantReadWriteLock files = new ReentrantReadWriteLock();
    final ConcurrentSkipListMap<Integer, Segment> segments;
    final EventIndex index = new EventIndex();
    Segment active;
    private long nextSequence;
    private long appendedBytes;
    private final Object syncMonitor = new Object();
    private long durableBytes;
    private boolean syncing;
    private final Object publishLock = new Object();
    private final ConcurrentLinkedQueue<PendingBatch> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** Appended bytes not yet visible: their index entries and the appended-bytes mark they end at. */
    private record PendingBatch(long[] timestamps, long[] sequences, long[] locations, int[] lengths, long end,
                                long ingestionTime) {}

    /** What an append stored: the sequence of its first event and how many events. */
    public record Appended(long firstSequence, int count) {}

    private StreamLog(String storageId, Path dir, long maxSegmentBytes, SegmentRecovery.Recovered recovered) {
        this.storageId = storageId;
        this.dir = dir;
        this.maxSegmentBytes = maxSegmentBytes;
        this.segments = new ConcurrentSkipListMap<>(recovered.segments());
        this.index.replace(recovered.view());
        this.nextSequence = recovered.nextSequence();
        this.active = segments.isEmpty() ? null : segments.lastEntry().getValue();
    }

    /** Opens (recovering after a crash) the stream stored in {@code dir}; a missing directory is an empty stream. */
    static StreamLog open(String storageId, Path dir, long maxSegmentBytes) throws IOException {
        return new StreamLog(storageId, dir, maxSegmentBytes, SegmentRecovery.recover(dir));
    }

    /**
     * Durably appends events {@code [from, to)}; their timestamps must be in non-decreasing order.
     *
     * @throws StreamClosedException when the stream was deleted meanwhile
     */
    public Appended append(long[] timestamps, byte[][] messages, int from, int to, long ingestionTime) throws IOException {
        int n = to - from;
        if (n <= 0) return new Appended(0, 0);
        int total = 0;
        for (int i = from; i < to; i++) total += EventRecords.size(messages[i].length);
        ByteBuffer bytes = ByteBuffer.allocate(total);
        long[] ts = new long[n];
        long[] seq = new long[n];
        long[] loc = new long[n];
        int[] len = new int[n];
        PendingBatch batch;
        synchronized (writeLock) {
            ensureOpen();
            if (active == null || (active.size() + total > maxSegmentBytes && active.size() > Segment.MAGIC.length)) {
                roll();
            }
            long first = nextSequence;
            for (int i = 0; i < n; i++) {
                EventRecords.write(bytes, timestamps[from + i], ingestionTime, first + i, messages[from + i]);
            }
            bytes.flip();
            long before = active.size();
            long offset;
            try {
                offset = active.append(bytes);
            } catch (IOException e) {
                active.truncate(before);
                throw e;
            }
            for (int i = 0; i < n; i++) {
                ts[i] = timestamps[from + i];
                seq[i] = first + i;
                len[i] = EventRecords.size(messages[from + i].length);
                loc[i] = EventIndex.location(active.id, offset);
                offset += len[i];
            }
            nextSequence = first + n;
            appendedBytes += total;
            batch = new PendingBatch(ts, seq, loc, len, appendedBytes, ingestionTime);
            pending.add(batch);
        }
        awaitDurable(batch.end);
        publishDurable();
        return new Appended(seq[0], n);
    }

    /** Waits until the first {@code target} appended bytes are on disk, syncing them itself if no one else is. */
    private void awaitDurable(long target) throws IOException {
        while (true) {
            synchronized (syncMonitor) {
                while (durableBytes < target && syncing) {
                    try {
                        syncMonitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the log to sync", e);
                    }
                }
                if (durableBytes >= target) return;
                syncing = true;
            }
            long goal;
            Segment toSync;
            synchronized (writeLock) {
                goal = appendedBytes;
                toSync = active;
            }
            try {
                toSync.force();
            } catch (ClosedChannelException e) {
                finishSync(-1);
                throw new StreamClosedException(storageId);
            } catch (IOException | RuntimeException e) {
                finishSync(-1);
                throw e;
            }
            finishSync(goal);
        }
    }

    private void finishSync(long durableThrough) {
        synchronized (syncMonitor) {
            durableBytes = Math.max(durableBytes, durableThrough);
            syncing = false;
            syncMonitor.notifyAll();
        }
    }

    /** Makes every durable pending batch visible, in append order. */
    void publishDurable() {
        synchronized (publishLock) {
            long durable;
            synchronized (syncMonitor) {
                durable = durableBytes;
            }
            PendingBatch head;
            while ((head = pending.peek()) != null && head.end <= durable) {
                pending.poll();
                index.add(head.timestamps, head.sequences, head.locations, head.lengths, head.timestamps.length,
                        head.ingestionTime);
            }
        }
    }

    /** Seals the active segment (durably) and starts a new one. Caller holds {@link #writeLock}. */
    void roll() throws IOException {
        if (active != null) {
            active.force();
            finishSyncAfterRoll();
        }
        Directories.create(dir);
        int id = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        Segment created = Segment.create(dir, id);
        segments.put(id, created);
        active = created;
    }

    private void finishSyncAfterRoll() {
        synchronized (syncMonitor) {
            durableBytes = Math.max(durableBytes, appendedBytes);
            syncMonitor.notifyAll();
        }
    }

    /** Makes everything appended so far durable and visible. Caller holds {@link #writeLock}. */
    void settle() throws IOException {
        if (active != null) active.force();
        finishSyncAfterRoll();
        publishDurable();
    }

    /** Reads a consistent view of the stream: segments cannot be rewritten while {@code reading} runs. */
    public <T> T read(Function<Reader, T> reading) {
        files.readLock().lock();
        try {
            if (closed) throw new StreamClosedException(storageId);
            return reading.apply(new Reader(index.view()));
        } finally {
            files.readLock().unlock();
        }
    }

    /** The events visible when a read began, and their messages on demand. */
    public final class Reader {
        private final EventIndex.View view;

        private Reader(EventIndex.View view) {
            this.view = view;
        }

        public OrderedEvents events() {
            return view;
        }

        /** The events at indexes {@code [from, to)}, read with as few file reads as their layout allows. */
        public List<StoredEvent> load(int from, int to) {
            List<StoredEvent> events = new ArrayList<>(Math.max(0, to - from));
            int i = from;
            try {
                while (i < to) {
                    int segmentId = view.segment(i);
                    long start = view.offset(i);
                    long end = start + view.lengths()[i];
                    int j = i + 1;
                    while (j < to && view.segment(j) == segmentId && view.offset(j) == end && end - start < 8 << 20) {
                        end += view.lengths()[j];
                        j++;
                    }
                    Segment segment = segments.get(segmentId);
                    if (segment == null) throw new IOException("segment " + segmentId + " of " + storageId + " is gone");
                    byte[] bytes = segment.read(start, (int) (end - start));
                    int position = 0;
                    for (int k = i; k < j; k++) {
                        StoredEvent event = EventRecords.read(bytes, position, bytes.length);
                        if (event == null) throw new IOException("corrupt record in " + segment.path + " at " + (start + position));
                        events.add(event);
                        position += view.lengths()[k];
                    }
                    i = j;
                }
            } catch (ClosedChannelException e) {
                throw new StreamClosedException(storageId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return events;
        }
    }

    public StreamStats stats() {
        EventIndex.View view = index.view();
        if (view.count() == 0) return StreamStats.EMPTY;
        return new StreamStats(view.count(), OptionalLong.of(view.timestamp(0)), OptionalLong.of(view.timestamp(view.count() - 1)),
                OptionalLong.of(view.lastIngestionTime()), view.messageBytes());
    }

    /**
     * Deletes every event stamped before {@code cutoff}: whole segments are removed, partly expired
     * ones rewritten without their expired events.
     *
     * @return the number of events deleted
     */
    public int expire(long cutoff) throws IOException {
        synchronized (writeLock) {
            ensureOpen();
            return SegmentCompaction.expire(this, cutoff);
        }
    }

    void ensureOpen() {
        if (closed) throw new StreamClosedException(storageId);
    }

    /** Closes the files; appends and reads from now on fail with {@link StreamClosedException}. */
    @Override
    public void close() {
        synchronized (writeLock) {
            files.writeLock().lock();
            try {
                closed = true;
                for (Segment segment : segments.values()) {
                    try {
                        segment.close();
                    } catch (IOException ignored) {
                        // closing for good; nothing left to protect
                    }
                }
            } finally {
                files.writeLock().unlock();
            }
        }
        synchronized (syncMonitor) {
            syncMonitor.notifyAll();
        }
    }

    /** Closes the stream and removes its files. */
    void deleteFiles() throws IOException {
        close();
        Directories.deleteTree(dir);
    }
}
