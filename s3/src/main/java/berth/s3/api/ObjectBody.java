package berth.s3.api;

import berth.s3.core.Extent;
import berth.s3.data.ObjectData;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.common.stream.StreamWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A byte range of an object as a response body, read across its extents' data files: small ranges
 * in one read, larger ones mapped in chunks (page cache to socket) on a blocking thread, a few chunks
 * in flight. The files are opened before the response starts, so a version deleted meanwhile is still
 * read whole (an open file outlives its name).
 */
final class ObjectBody {
    private static final int CHUNK_BYTES = 4 * 1024 * 1024;
    private static final int CHUNKS_IN_FLIGHT = 3;
    private static final int WHOLE_READ_BYTES = 256 * 1024;

    private ObjectBody() {}

    /** One extent's part of the range: an open file, from where, how much. */
    private record Piece(FileChannel channel, long offset, long length) {}

    static StreamMessage<HttpData> of(ObjectData data, List<Extent> extents, long first, long length, Executor executor)
            throws IOException {
        List<Piece> pieces = new ArrayList<>();
        long position = 0;
        try {
            for (Extent extent : extents) {
                long start = Math.max(first, position);
                long end = Math.min(first + length, position + extent.length());
                if (start < end) {
                    var file = data.open(extent.dataId()).orElseThrow(() -> new IOException("missing data " + extent.dataId()));
                    pieces.add(new Piece(FileChannel.open(file.path(), StandardOpenOption.READ), start - position, end - start));
                }
                position += extent.length();
            }
        } catch (IOException e) {
            pieces.forEach(ObjectBody::closeQuietly);
            throw e;
        }
        if (length <= WHOLE_READ_BYTES) {
            try {
                ByteBuffer bytes = ByteBuffer.allocate((int) length);
                for (Piece piece : pieces) {
                    long at = piece.offset();
                    long until = piece.offset() + piece.length();
                    while (at < until) {
                        bytes.limit((int) (bytes.position() + (until - at)));
                        int n = piece.channel().read(bytes, at);
                        if (n < 0) throw new IOException("data ended early");
                        at += n;
                    }
                }
                return StreamMessage.of(HttpData.wrap(bytes.array()));
            } finally {
                pieces.forEach(ObjectBody::closeQuietly);
            }
        }
        StreamWriter<HttpData> writer = StreamMessage.streaming();
        executor.execute(() -> pump(pieces, writer));
        return writer;
    }

    private static void pump(List<Piece> pieces, StreamWriter<HttpData> writer) {
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        try {
            for (Piece piece : pieces) {
                long position = piece.offset();
                long end = piece.offset() + piece.length();
                while (position < end) {
                    if (inFlight.size() >= CHUNKS_IN_FLIGHT) inFlight.removeFirst().join();
                    if (!writer.isOpen()) return;
                    int size = (int) Math.min(CHUNK_BYTES, end - position);
                    ByteBuf buffer = Unpooled.wrappedBuffer(piece.channel().map(FileChannel.MapMode.READ_ONLY, position, size));
                    position += size;
                    if (!writer.tryWrite(HttpData.wrap(buffer))) {
                        buffer.release();
                        return;
                    }
                    inFlight.addLast(writer.whenConsumed());
                }
            }
            writer.close();
        } catch (IOException | RuntimeException e) {
            writer.close(e);
        } finally {
            pieces.forEach(ObjectBody::closeQuietly);
        }
    }

    private static void closeQuietly(Piece piece) {
        try {
            piece.channel().close();
        } catch (IOException ignored) {
            // the read is over either way
        }
    }
}
