package berth.store.embedded;

import berth.store.StoredRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A snapshot: every live record as of one commit sequence, the base that a generation's log is
 * replayed onto. Layout: {@code BERTHSNP, format:int, sequence:long, count:long}, then per record
 * {@code version:long} and the record as in {@link LoggedCommit}, then the CRC32C of all the bytes
 * before it. A snapshot is written whole and forced under a temporary name before it is renamed
 * into place, so a named snapshot is complete; a checksum mismatch means the disk lost data.
 */
final class SnapshotFile {
    private static final byte[] MAGIC = {'B', 'E', 'R', 'T', 'H', 'S', 'N', 'P'};
    private static final int FORMAT = 1;

    record Image(long sequence, List<StoredRecord> records) {}

    private SnapshotFile() {}

    /** Writes and forces a snapshot at {@code path} (replacing any file there). */
    static void write(Path path, long sequence, Collection<StoredRecord> records) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(sequence);
            out.writeLong(records.size());
            for (StoredRecord record : records) {
                out.writeLong(record.version());
                LoggedCommit.writeRecord(out, record);
            }
            out.flush();
            new DataOutputStream(buffered).writeInt((int) crc.getValue());
            buffered.flush();
            channel.force(true);
        }
    }

    static Image read(Path path) throws IOException {
        long fileSize = Files.size(path);
        CRC32C crc = new CRC32C();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || in.readInt() != FORMAT) {
                throw new IOException(path + " is not a berth snapshot of format " + FORMAT);
            }
            long sequence = in.readLong();
            long count = in.readLong();
            if (count < 0 || count > fileSize) throw new IOException(path + ": bad record count " + count);
            List<StoredRecord> records = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                long version = in.readLong();
                records.add(LoggedCommit.readRecord(in, version, fileSize));
            }
            int expected = (int) crc.getValue();
            int stored = new DataInputStream(raw).readInt();
            if (stored != expected || raw.read() != -1) {
                throw new IOException(path + " is corrupt (checksum mismatch)");
            }
            return new Image(sequence, records);
        }
    }
}
