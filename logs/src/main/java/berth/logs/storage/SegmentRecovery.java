package berth.logs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a stream's segments after a start or a crash: every intact record is indexed, a torn tail
 * (a record cut short or failing its checksum, as an interrupted write leaves it) is cut off, and
 * files a crash left half-made (a segment without its magic, a rewrite never renamed) are removed.
 * Everything a PutLogEvents acknowledged was fsynced, so it lies before any torn tail.
 */
final class SegmentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
    private static final int CHUNK_BYTES = 4 * 1024 * 1024;

    record Recovered(TreeMap<Integer, Segment> segments, EventIndex.View view, long nextSequence) {}

    private SegmentRecovery() {}

    static Recovered recover(Path dir) throws IOException {
        TreeMap<Integer, Segment> segments = new TreeMap<>();
        IndexBuilder index = new IndexBuilder();
        if (!Files.isDirectory(dir)) return new Recovered(segments, index.build(), 0);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = new ArrayList<>(listing.toList());
        }
        boolean removed = false;
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".tmp")) {
                Files.deleteIfExists(file);
                removed = true;
            }
        }
        files.removeIf(file -> !Segment.isSegment(file));
        files.sort(Comparator.comparingInt(Segment::idOf));
        for (Path file : files) {
            int id = Segment.idOf(file);
            Segment segment = Segment.open(file, id);
            if (!segment.hasMagic()) {
                if (segment.size() <= Segment.MAGIC.length) {
                    segment.close();
                    Files.deleteIfExists(file);
                    removed = true;
                    continue;
                }
                segment.close();
                throw new IOException("segment " + file + " is not a berth log segment");
            }
            scan(segment, index);
            segments.put(id, segment);
        }
        if (removed) Directories.sync(dir);
        return new Recovered(segments, index.build(), index.maxSequence() + 1);
    }

    /** Indexes the intact records of one segment and truncates whatever follows the last of them. */
    private static void scan(Segment segment, IndexBuilder index) throws IOException {
        long fileSize = segment.size();
        long position = Segment.MAGIC.length;
        byte[] buffer = new byte[0];
        long bufferStart = position;
        int bufferLimit = 0;
        while (position < fileSize) {
            int offsetInBuffer = (int) (position - bufferStart);
            int length = offsetInBuffer >= 0 && offsetInBuffer < bufferLimit
                    ? EventRecords.recordLength(buffer, offsetInBuffer, bufferLimit) : -1;
            if (length < 0) {
                int needed = Math.max(CHUNK_BYTES, declaredLength(segment, position, fileSize));
                int toRead = (int) Math.min(needed, fileSize - position);
                if (bufferStart == position && bufferLimit >= toRead) break;
                buffer = segment.read(position, toRead);
                bufferStart = position;
                bufferLimit = toRead;
                length = EventRecords.recordLength(buffer, 0, bufferLimit);
                if (length < 0) break;
                offsetInBuffer = 0;
            }
            ByteBuffer fixed = ByteBuffer.wrap(buffer, offsetInBuffer + EventRecords.HEADER_BYTES, EventRecords.FIXED_PAYLOAD_BYTES);
            long timestamp = fixed.getLong();
            long ingestion = fixed.getLong();
            long sequence = fixed.getLong();
            index.add(timestamp, sequence, EventIndex.location(segment.id, position), length, ingestion);
            position += length;
        }
        if (position < fileSize) {
            LOG.warn("log segment {}: cutting off {} bytes of torn tail at offset {}", segment.path, fileSize - position, position);
            segment.truncate(position);
        }
    }

    /** The whole length the record header at {@code position} claims, so that a large record is read in one piece. */
    private static int declaredLength(Segment segment, long position, long fileSize) throws IOException {
        if (fileSize - position < EventRecords.HEADER_BYTES) return 0;
        int payload = ByteBuffer.wrap(segment.read(position, 4)).getInt();
        if (payload < 0 || payload > EventRecords.MAX_PAYLOAD_BYTES) return 0;
        return payload + EventRecords.HEADER_BYTES;
    }
}
