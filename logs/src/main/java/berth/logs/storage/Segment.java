package berth.logs.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only segment file of a stream: an 8-byte magic, then event records back to back. Only
 * the stream's active segment grows; sealed ones are only read, rewritten whole by retention, or deleted.
 */
final class Segment implements Closeable {
    static final byte[] MAGIC = "BERTHLG1".getBytes(StandardCharsets.US_ASCII);
    static final String SUFFIX = ".seg";

    final int id;
    final Path path;
    private final FileChannel channel;
    private volatile long size;

    private Segment(int id, Path path, FileChannel channel, long size) {
        this.id = id;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static Path pathOf(Path dir, int id) {
        return dir.resolve(String.format("%010d%s", id, SUFFIX));
    }

    /** Creates an empty segment and makes its existence durable. */
    static Segment create(Path dir, int id) throws IOException {
        Path path = pathOf(dir, id);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(MAGIC), 0);
        channel.force(true);
        Directories.sync(dir);
        return new Segment(id, path, channel, MAGIC.length);
    }

    /** Opens an existing segment; its valid length is settled by recovery. */
    static Segment open(Path path, int id) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(id, path, channel, channel.size());
    }

    static int idOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.length() - SUFFIX.length()));
    }

    long size() {
        return size;
    }

    /** Writes {@code bytes} at the end; returns the offset they start at. Not durable until {@link #force()}. */
    long append(ByteBuffer bytes) throws IOException {
        long at = size;
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        size = position;
        return at;
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** Reads exactly {@code length} bytes at {@code offset} into a new array. */
    byte[] read(long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) throw new IOException("segment " + path + " ends before offset " + position);
            position += read;
        }
        return bytes;
    }

    /** Cuts the file back to {@code length} bytes (a torn tail, or a failed append) and makes that durable. */
    void truncate(long length) throws IOException {
        channel.truncate(length);
        channel.force(true);
        size = length;
    }

    boolean hasMagic() throws IOException {
        if (channel.size() < MAGIC.length) return false;
        return java.util.Arrays.equals(read(0, MAGIC.length), MAGIC);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static boolean isSegment(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) && name.length() > SUFFIX.length()
                && name.substring(0, name.length() - SUFFIX.length()).chars().allMatch(Character::isDigit);
    }

    static void deleteIfExists(Path path) throws IOException {
        Files.deleteIfExists(path);
    }
}
