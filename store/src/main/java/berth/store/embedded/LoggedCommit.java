package berth.store.embedded;

import berth.store.StoredRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One commit as written in a log frame: its sequence number (the version of every record it
 * changed) and the records after it, deletions included.
 *
 * <p>Payload layout: {@code sequence:long, count:int, count x record}; a record is
 * {@code deleted:byte, kind:text, key:text} followed, for a live record, by
 * {@code valueLength:int, value:bytes}; text is {@code byteLength:int, UTF-8 bytes}.
 */
record LoggedCommit(long sequence, List<StoredRecord> records) {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(sequence);
            out.writeInt(records.size());
            for (StoredRecord record : records) {
                writeRecord(out, record);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Decodes a payload whose checksum matched; a malformed one is corruption. */
    static LoggedCommit decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long sequence = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > payload.length) throw new IOException("bad record count " + count);
        List<StoredRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(readRecord(in, sequence, payload.length));
        }
        if (in.available() != 0) throw new IOException("trailing bytes after commit " + sequence);
        return new LoggedCommit(sequence, records);
    }

    static void writeRecord(DataOutputStream out, StoredRecord record) throws IOException {
        out.writeByte(record.deleted() ? 1 : 0);
        writeText(out, record.kind());
        writeText(out, record.key());
        if (!record.deleted()) {
            out.writeInt(record.value().length);
            out.write(record.value());
        }
    }

    static StoredRecord readRecord(DataInputStream in, long version, long sizeLimit) throws IOException {
        byte deleted = in.readByte();
        if (deleted != 0 && deleted != 1) throw new IOException("bad deleted flag " + deleted);
        String kind = readText(in, sizeLimit);
        String key = readText(in, sizeLimit);
        if (deleted == 1) return new StoredRecord(kind, key, version, new byte[0], true);
        return StoredRecord.live(kind, key, version, readBytes(in, sizeLimit));
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in, long sizeLimit) throws IOException {
        return new String(readBytes(in, sizeLimit), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, long sizeLimit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > sizeLimit) throw new IOException("bad length " + length);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) throw new IOException("short read: " + bytes.length + " of " + length + " bytes");
        return bytes;
    }
}
