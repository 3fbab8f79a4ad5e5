package berth.logs.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk form of one event in a segment:
 * {@code [int payloadLength][int crc32c(payload)][long timestamp][long ingestionTime][long sequence][message UTF-8]},
 * big-endian. The checksum lets recovery tell a complete record from a torn one.
 */
final class EventRecords {
    static final int HEADER_BYTES = 8;
    static final int FIXED_PAYLOAD_BYTES = 24;
    static final int OVERHEAD_BYTES = HEADER_BYTES + FIXED_PAYLOAD_BYTES;
    /** Larger than any event PutLogEvents accepts; a length beyond it can only be corruption. */
    static final int MAX_PAYLOAD_BYTES = FIXED_PAYLOAD_BYTES + 2 * 1024 * 1024;

    private EventRecords() {}

    static int size(int messageBytes) {
        return OVERHEAD_BYTES + messageBytes;
    }

    /** Appends one record to {@code out}, which must have {@link #size} bytes left. */
    static void write(ByteBuffer out, long timestamp, long ingestionTime, long sequence, byte[] message) {
        int start = out.position();
        int payload = FIXED_PAYLOAD_BYTES + message.length;
        out.putInt(payload);
        out.putInt(0);
        out.putLong(timestamp);
        out.putLong(ingestionTime);
        out.putLong(sequence);
        out.put(message);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), out.arrayOffset() + start + HEADER_BYTES, payload);
        out.putInt(start + 4, (int) crc.getValue());
    }

    /**
     * Reads the record at {@code offset} in {@code buffer}'s backing array (whose valid bytes end at
     * {@code limit}); null when the bytes there are not a whole, intact record.
     */
    static StoredEvent read(byte[] buffer, int offset, int limit) {
        int length = recordLength(buffer, offset, limit);
        if (length < 0) return null;
        ByteBuffer view = ByteBuffer.wrap(buffer, offset + HEADER_BYTES, length - HEADER_BYTES);
        long timestamp = view.getLong();
        long ingestion = view.getLong();
        long sequence = view.getLong();
        String message = new String(buffer, offset + OVERHEAD_BYTES, length - OVERHEAD_BYTES, StandardCharsets.UTF_8);
        return new StoredEvent(timestamp, ingestion, sequence, message);
    }

    /** The length of the intact record at {@code offset}, or -1 when it is torn or corrupt. */
    static int recordLength(byte[] buffer, int offset, int limit) {
        if (limit - offset < HEADER_BYTES) return -1;
        ByteBuffer header = ByteBuffer.wrap(buffer, offset, HEADER_BYTES);
        int payload = header.getInt();
        int expected = header.getInt();
        if (payload < FIXED_PAYLOAD_BYTES || payload > MAX_PAYLOAD_BYTES) return -1;
        if (limit - offset - HEADER_BYTES < payload) return -1;
        CRC32C crc = new CRC32C();
        crc.update(buffer, offset + HEADER_BYTES, payload);
        if ((int) crc.getValue() != expected) return -1;
        return HEADER_BYTES + payload;
    }
}
