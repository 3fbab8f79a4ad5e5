package berth.sqs.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable history of every queue's messages: records appended to segment files, forced to disk
 * before the change they record is acknowledged (appends waiting at the same time share one force),
 * replayed in order when berth starts. When the segments written since the last snapshot outgrow it,
 * the owner's state is written as a new snapshot ({@code .base}) and the segments it covers are
 * deleted, so the journal stays proportional to the messages in the queues. A crash leaves at most a
 * torn last frame, which recovery cuts off.
 *
 * <p>{@link #append} and {@link #startCompaction} are called under the owner's lock (so the journal's
 * order is the order the owner changed its state in); {@link #awaitDurable} and
 * {@link #finishCompaction} outside it.
 */
public final class MessageJournal implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageJournal.class);
    static final long SEGMENT_BYTES = 64L << 20;

    private final Path dir;
    private final long segmentBytes;
    private final Object syncMonitor = new Object();
    private FileChannel active;
    private long activeId;
    private long activeSize;
    private long appended;
    private long durable;
    private boolean syncing;
    private long sinceBase;
    private long baseBytes;
    private boolean compacting;

    private MessageJournal(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /** Opens the journal in {@code dir}, handing every record of its history to {@code replay} in order. */
    public static MessageJournal open(Path dir, Consumer<JournalRecord> replay) throws IOException {
        return open(dir, SEGMENT_BYTES, replay);
    }

    static MessageJournal open(Path dir, long segmentBytes, Consumer<JournalRecord> replay) throws IOException {
        Files.createDirectories(dir);
        MessageJournal journal = new MessageJournal(dir, segmentBytes);
        journal.recover(replay);
        return journal;
    }

    private void recover(Consumer<JournalRecord> replay) throws IOException {
        try (var leftovers = Files.list(dir)) {
            for (Path file : leftovers.filter(p -> p.toString().endsWith(".tmp")).toList()) Files.delete(file);
        }
        List<Long> bases = JournalFiles.ids(dir, JournalFiles.BASE);
        long baseId = bases.isEmpty() ? 0 : bases.get(bases.size() - 1);
        if (baseId > 0) {
            baseBytes = JournalFiles.read(JournalFiles.base(dir, baseId), replay);
        }
        List<Long> segments = JournalFiles.ids(dir, JournalFiles.LOG).stream().filter(id -> id > baseId).toList();
        for (int i = 0; i < segments.size(); i++) {
            Path file = JournalFiles.segment(dir, segments.get(i));
            long valid = JournalFiles.read(file, replay);
            long size = Files.size(file);
            if (valid < size) {
                LOG.warn("journal segment {} ends in {} bytes that are not whole records; cut off", file, size - valid);
                if (i < segments.size() - 1) LOG.warn("later journal segments are replayed after the cut in {}", file);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(Math.max(valid, JournalFiles.MAGIC.length));
                    channel.force(true);
                }
            }
            sinceBase += Math.max(valid, JournalFiles.MAGIC.length);
        }
        long last = segments.isEmpty() ? baseId : segments.get(segments.size() - 1);
        if (segments.isEmpty() || Files.size(JournalFiles.segment(dir, last)) >= segmentBytes) {
            openSegment(last + 1);
        } else {
            activeId = last;
            active = FileChannel.open(JournalFiles.segment(dir, last), StandardOpenOption.WRITE, StandardOpenOption.READ);
            activeSize = active.size();
            if (activeSize < JournalFiles.MAGIC.length) {
                active.truncate(0);
                active.write(ByteBuffer.wrap(JournalFiles.MAGIC), 0);
                activeSize = JournalFiles.MAGIC.length;
            }
        }
        for (Long old : bases) {
            if (old < baseId) Files.deleteIfExists(JournalFiles.base(dir, old));
        }
    }

    private void openSegment(long id) throws IOException {
        FileChannel channel = FileChannel.open(JournalFiles.segment(dir, id), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.write(ByteBuffer.wrap(JournalFiles.MAGIC), 0);
        channel.force(true);
        JournalFiles.syncDirectory(dir);
        active = channel;
        activeId = id;
        activeSize = JournalFiles.MAGIC.length;
    }

    /** Appends records (not yet durable); returns the mark {@link #awaitDurable} waits for. */
    public synchronized long append(List<JournalRecord> records) throws IOException {
        if (records.isEmpty()) return appended;
        if (activeSize >= segmentBytes) roll();
        ByteBuffer[] frames = new ByteBuffer[records.size()];
        long bytes = 0;
        for (int i = 0; i < frames.length; i++) {
            frames[i] = JournalFiles.frame(JournalCodec.encode(records.get(i)));
            bytes += frames[i].remaining();
        }
        long position = activeSize;
        try {
            for (ByteBuffer frame : frames) {
                while (frame.hasRemaining()) position += active.write(frame, position);
            }
        } catch (IOException e) {
            active.truncate(activeSize);
            throw e;
        }
        activeSize = position;
        sinceBase += bytes;
        appended += bytes;
        return appended;
    }

    /** Seals the active segment (forced) and starts the next. */
    private void roll() throws IOException {
        active.force(false);
        synchronized (syncMonitor) {
            durable = Math.max(durable, appended);
        }
        active.close();
        openSegment(activeId + 1);
    }

    /** Returns once every record appended up to {@code mark} is on disk, forcing it if no one else is. */
    public void awaitDurable(long mark) throws IOException {
        while (true) {
            long target;
            FileChannel channel;
            synchronized (syncMonitor) {
                while (durable < mark && syncing) {
                    try {
                        syncMonitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted waiting for the journal", e);
                    }
                }
                if (durable >= mark) return;
                syncing = true;
            }
            synchronized (this) {
                target = appended;
                channel = active;
            }
            try {
                channel.force(false);
            } catch (java.nio.channels.ClosedChannelException rolled) {
                // the segment was sealed (and forced) by a roll meanwhile
            } finally {
                synchronized (syncMonitor) {
                    syncing = false;
                    durable = Math.max(durable, target);
                    syncMonitor.notifyAll();
                }
            }
        }
    }

    /**
     * Whether the segments written since the last snapshot have outgrown it (and at least one segment's
     * worth), so the owner should snapshot its state.
     */
    public synchronized boolean compactionDue() {
        return !compacting && sinceBase > Math.max(segmentBytes, 2 * baseBytes);
    }

    /**
     * Seals the active segment; the owner's state as of this moment is what every segment up to the
     * returned id amounts to, and the owner writes it with {@link #finishCompaction}.
     */
    public synchronized long startCompaction() throws IOException {
        compacting = true;
        long sealed = activeId;
        roll();
        sinceBase = 0;
        return sealed;
    }

    /** Writes the snapshot of the state after segment {@code sealed} and deletes what it replaces. */
    public void finishCompaction(long sealed, List<JournalRecord> snapshot) throws IOException {
        try {
            long bytes = JournalFiles.writeWhole(JournalFiles.base(dir, sealed), snapshot);
            for (Long id : JournalFiles.ids(dir, JournalFiles.LOG)) {
                if (id <= sealed) Files.deleteIfExists(JournalFiles.segment(dir, id));
            }
            for (Long id : JournalFiles.ids(dir, JournalFiles.BASE)) {
                if (id < sealed) Files.deleteIfExists(JournalFiles.base(dir, id));
            }
            synchronized (this) {
                baseBytes = bytes;
            }
            LOG.info("message journal compacted: {} records in snapshot {}", snapshot.size(), sealed);
        } finally {
            synchronized (this) {
                compacting = false;
            }
        }
    }

    /** Removes every file: berth's reset; the journal goes on, empty. */
    public synchronized void clear() throws IOException {
        active.close();
        for (Long id : JournalFiles.ids(dir, JournalFiles.LOG)) Files.deleteIfExists(JournalFiles.segment(dir, id));
        for (Long id : JournalFiles.ids(dir, JournalFiles.BASE)) Files.deleteIfExists(JournalFiles.base(dir, id));
        sinceBase = 0;
        baseBytes = 0;
        openSegment(activeId + 1);
    }

    @Override
    public synchronized void close() throws IOException {
        active.force(false);
        active.close();
    }
}
