package berth.sqs.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The journal's files and frames: {@code NNNNNNNNNN.log} segments and {@code NNNNNNNNNN.base}
 * snapshots, each an 8-byte magic and then frames of a 4-byte length, a 4-byte CRC32C of the payload
 * and the payload (one encoded {@link JournalRecord}).
 */
final class JournalFiles {
    static final byte[] MAGIC = "BERTHSQ1".getBytes(StandardCharsets.US_ASCII);
    static final String LOG = ".log";
    static final String BASE = ".base";
    private static final int MAX_FRAME = 80 << 20;

    private JournalFiles() {}

    static Path segment(Path dir, long id) {
        return dir.resolve(String.format("%010d%s", id, LOG));
    }

    static Path base(Path dir, long id) {
        return dir.resolve(String.format("%010d%s", id, BASE));
    }

    /** The ids of the files with {@code suffix}, in order. */
    static List<Long> ids(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix) && n.length() == 10 + suffix.length())
                    .map(n -> n.substring(0, 10)).filter(n -> n.chars().allMatch(Character::isDigit)).map(Long::parseLong)
                    .sorted().toList();
        }
    }

    static ByteBuffer frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        return frame;
    }

    /**
     * Reads the frames of a file into {@code records}, stopping at the first torn or corrupt frame;
     * returns the length of the valid prefix (the magic included), or 0 when the magic is wrong.
     */
    static long read(Path file, Consumer<JournalRecord> records) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 20);
             DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) return 0;
            long valid = MAGIC.length;
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return valid;
                }
                if (length < 0 || length > MAX_FRAME) return valid;
                int checksum;
                byte[] payload;
                try {
                    checksum = in.readInt();
                    payload = in.readNBytes(length);
                } catch (EOFException torn) {
                    return valid;
                }
                if (payload.length != length) return valid;
                CRC32C crc = new CRC32C();
                crc.update(payload);
                if ((int) crc.getValue() != checksum) return valid;
                JournalRecord record;
                try {
                    record = JournalCodec.decode(payload);
                } catch (IOException corrupt) {
                    return valid;
                }
                records.accept(record);
                valid += 8 + length;
            }
        }
    }

    /** Writes a complete file of {@code records} durably: to a temporary name, forced, renamed, directory synced. */
    static long writeWhole(Path target, List<JournalRecord> records) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        long size;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<ByteBuffer> batch = new ArrayList<>();
            batch.add(ByteBuffer.wrap(MAGIC));
            for (JournalRecord record : records) batch.add(frame(JournalCodec.encode(record)));
            for (ByteBuffer buffer : batch) {
                while (buffer.hasRemaining()) channel.write(buffer);
            }
            channel.force(true);
            size = channel.size();
        }
        Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
        return size;
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
