package berth.store.embedded;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only commit log of one generation: a header ({@code BERTHLOG}, format:int) and then one
 * frame per commit, {@code payloadLength:int, crc32c(payload):int, payload} (a {@link LoggedCommit}).
 * A frame is durable once {@link #force()} returned after it was appended. A crash may leave a torn
 * frame at the end (or, on file systems that persist a size before the data, zeros): recovery keeps
 * every intact frame before the first bad one and cuts the log there.
 */
final class CommitLog implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(CommitLog.class);
    private static final byte[] MAGIC = {'B', 'E', 'R', 'T', 'H', 'L', 'O', 'G'};
    private static final int FORMAT = 1;
    static final int HEADER_BYTES = MAGIC.length + Integer.BYTES;
    static final int FRAME_HEADER_BYTES = 2 * Integer.BYTES;
    /** The largest frame payload; {@link EmbeddedStore} refuses commits that could exceed it. */
    static final int MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 64;

    private final Path path;
    private final FileChannel channel;
    private long size;

    private CommitLog(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Creates an empty log (replacing a file of that name) and makes its header durable. */
    static CommitLog create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeHeader(channel);
            return new CommitLog(path, channel, HEADER_BYTES);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens an existing log, hands every intact commit to {@code replay} in order, and cuts the log
     * at the first torn or corrupt frame, or at a commit whose sequence is not above
     * {@code afterSequence} and its predecessor's.
     */
    static CommitLog recover(Path path, long afterSequence, Consumer<LoggedCommit> replay) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long fileSize = channel.size();
            byte[] header = new byte[HEADER_BYTES];
            int headerRead = channel.read(ByteBuffer.wrap(header), 0);
            if (headerRead < HEADER_BYTES || isAllZero(header)) {
                // Torn while the log was being created: no commit was ever acknowledged from it.
                log.warn("commit log {} has no complete header; starting it empty", path);
                channel.truncate(0);
                writeHeader(channel);
                return new CommitLog(path, channel, HEADER_BYTES);
            }
            if (!Arrays.equals(header, expectedHeader())) {
                throw new IOException(path + " is not a berth commit log of format " + FORMAT);
            }
            long validEnd = replayFrames(channel, fileSize, afterSequence, replay);
            if (validEnd < fileSize) {
                log.warn("commit log {}: torn or corrupt frame at offset {}; cutting {} bytes", path, validEnd,
                        fileSize - validEnd);
                channel.truncate(validEnd);
                channel.force(true);
            }
            return new CommitLog(path, channel, validEnd);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends one frame holding {@code payload} to a batch of frames being prepared in memory. */
    static void appendFrame(ByteArrayOutputStream frames, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
        header.putInt(payload.length).putInt(crc(payload));
        frames.writeBytes(header.array());
        frames.writeBytes(payload);
    }

    void append(ByteBuffer frames) throws IOException {
        while (frames.hasRemaining()) {
            size += channel.write(frames, size);
        }
    }

    /** Makes everything appended so far durable. */
    void force() throws IOException {
        channel.force(false);
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static long replayFrames(FileChannel channel, long fileSize, long afterSequence,
            Consumer<LoggedCommit> replay) throws IOException {
        InputStream raw = new BufferedInputStream(Channels.newInputStream(channel.position(HEADER_BYTES)), 1 << 16);
        DataInputStream in = new DataInputStream(raw);
        long validEnd = HEADER_BYTES;
        long lastSequence = afterSequence;
        while (validEnd < fileSize) {
            if (fileSize - validEnd < FRAME_HEADER_BYTES) return validEnd;
            int length = in.readInt();
            int checksum = in.readInt();
            if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > fileSize - validEnd - FRAME_HEADER_BYTES) {
                return validEnd;
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length != length || crc(payload) != checksum) return validEnd;
            LoggedCommit commit;
            try {
                commit = LoggedCommit.decode(payload);
            } catch (IOException | RuntimeException malformed) {
                return validEnd;
            }
            if (commit.sequence() <= lastSequence) return validEnd;
            replay.accept(commit);
            lastSequence = commit.sequence();
            validEnd += FRAME_HEADER_BYTES + length;
        }
        return validEnd;
    }

    private static void writeHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(expectedHeader());
        long position = 0;
        while (header.hasRemaining()) {
            position += channel.write(header, position);
        }
        channel.force(true);
    }

    private static byte[] expectedHeader() {
        return ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(FORMAT).array();
    }

    private static boolean isAllZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) return false;
        }
        return true;
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
