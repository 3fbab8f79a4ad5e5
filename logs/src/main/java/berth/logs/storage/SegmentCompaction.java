package berth.logs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention for one stream: segments whose events have all expired are deleted; a segment with some
 * expired events is copied without them to a {@code .tmp} file, fsynced and renamed over the original
 * (a crash leaves either the old or the new file, and recovery removes a stray {@code .tmp}). The
 * index is then rebuilt without the expired events and with the survivors' new offsets, and swapped
 * in while no reader holds the files.
 */
final class SegmentCompaction {
    private SegmentCompaction() {}

    /** Caller holds {@code log.writeLock}. */
    static int expire(StreamLog log, long cutoff) throws IOException {
        log.settle();
        EventIndex.View view = log.index.view();
        if (view.count() == 0 || view.timestamp(0) >= cutoff) return 0;
        Map<Integer, int[]> liveAndExpired = new HashMap<>();
        int expiredTotal = 0;
        for (int i = 0; i < view.count(); i++) {
            int[] counts = liveAndExpired.computeIfAbsent(view.segment(i), id -> new int[2]);
            if (view.timestamp(i) < cutoff) {
                counts[1]++;
                expiredTotal++;
            } else {
                counts[0]++;
            }
        }
        if (expiredTotal == 0) return 0;
        if (log.active != null && liveAndExpired.containsKey(log.active.id) && liveAndExpired.get(log.active.id)[1] > 0) {
            log.roll();
        }
        List<Integer> deleted = new ArrayList<>();
        Map<Integer, long[][]> remapped = new HashMap<>();
        Map<Integer, Segment> rewritten = new HashMap<>();
        for (Map.Entry<Integer, int[]> entry : liveAndExpired.entrySet()) {
            int id = entry.getKey();
            int[] counts = entry.getValue();
            if (counts[1] == 0) continue;
            if (counts[0] == 0) {
                deleted.add(id);
            } else {
                Segment old = log.segments.get(id);
                long[][] mapping = new long[2][];
                rewritten.put(id, rewrite(log, old, view, cutoff, mapping));
                remapped.put(id, mapping);
            }
        }
        EventIndex.View replacement = withoutExpired(view, cutoff, remapped);
        log.files.writeLock().lock();
        try {
            for (Map.Entry<Integer, Segment> entry : rewritten.entrySet()) {
                Segment old = log.segments.get(entry.getKey());
                Segment fresh = entry.getValue();
                log.segments.put(entry.getKey(), fresh);
                old.close();
            }
            for (int id : deleted) {
                Segment old = log.segments.remove(id);
                old.close();
                Files.deleteIfExists(old.path);
            }
            log.index.replace(replacement);
        } finally {
            log.files.writeLock().unlock();
        }
        Directories.sync(log.dir);
        return expiredTotal;
    }

    /**
     * Writes the live records of {@code old} to a new file renamed over it; {@code mapping} receives
     * the old offsets (sorted) and their new offsets.
     */
    private static Segment rewrite(StreamLog log, Segment old, EventIndex.View view, long cutoff, long[][] mapping)
            throws IOException {
        List<long[]> live = new ArrayList<>();
        for (int i = 0; i < view.count(); i++) {
            if (view.segment(i) == old.id && view.timestamp(i) >= cutoff) {
                live.add(new long[] {view.offset(i), view.lengths()[i]});
            }
        }
        live.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] oldOffsets = new long[live.size()];
        long[] newOffsets = new long[live.size()];
        Path tmp = old.path.resolveSibling(old.path.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long position = 0;
            position += writeFully(out, ByteBuffer.wrap(Segment.MAGIC), position);
            for (int k = 0; k < live.size(); k++) {
                long[] record = live.get(k);
                oldOffsets[k] = record[0];
                newOffsets[k] = position;
                position += writeFully(out, ByteBuffer.wrap(old.read(record[0], (int) record[1])), position);
            }
            out.force(true);
        }
        log.files.writeLock().lock();
        try {
            Files.move(tmp, old.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            log.files.writeLock().unlock();
        }
        mapping[0] = oldOffsets;
        mapping[1] = newOffsets;
        return Segment.open(old.path, old.id);
    }

    private static long writeFully(FileChannel out, ByteBuffer bytes, long position) throws IOException {
        long written = 0;
        while (bytes.hasRemaining()) written += out.write(bytes, position + written);
        return written;
    }

    private static EventIndex.View withoutExpired(EventIndex.View view, long cutoff, Map<Integer, long[][]> remapped) {
        int capacity = view.timestamps().length;
        long[] ts = new long[capacity];
        long[] seq = new long[capacity];
        long[] loc = new long[capacity];
        int[] len = new int[capacity];
        int out = 0;
        long bytes = 0;
        for (int i = 0; i < view.count(); i++) {
            if (view.timestamp(i) < cutoff) continue;
            int segment = view.segment(i);
            long offset = view.offset(i);
            long[][] mapping = remapped.get(segment);
            if (mapping != null) {
                offset = mapping[1][Arrays.binarySearch(mapping[0], offset)];
            }
            ts[out] = view.timestamp(i);
            seq[out] = view.sequence(i);
            loc[out] = EventIndex.location(segment, offset);
            len[out] = view.lengths()[i];
            bytes += view.messageBytes(i);
            out++;
        }
        return new EventIndex.View(ts, seq, loc, len, out, bytes, view.lastIngestionTime());
    }
}
