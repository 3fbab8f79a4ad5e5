package berth.registry.oci;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.common.stream.StreamWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A byte range of a file as a response body: the file is mapped in large chunks (one copy, page cache
 * to socket, instead of two) on a blocking thread, with a few chunks in flight so mapping the next
 * overlaps with writing the previous ones to the socket.
 */
final class FileBody {
    private static final int CHUNK_BYTES = 4 * 1024 * 1024;
    private static final int CHUNKS_IN_FLIGHT = 3;

    private FileBody() {}

    /** Ranges up to this size are read whole on the calling thread: one read instead of a hand-over and a mapping. */
    static final int WHOLE_READ_BYTES = 256 * 1024;

    static StreamMessage<HttpData> of(Path file, long offset, long length, ByteBufAllocator alloc, Executor executor) {
        if (length <= WHOLE_READ_BYTES) return StreamMessage.of(readWhole(file, offset, (int) length));
        StreamWriter<HttpData> writer = StreamMessage.streaming();
        executor.execute(() -> pump(file, offset, length, alloc, writer));
        return writer;
    }

    private static HttpData readWhole(Path file, long offset, int length) {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, offset + bytes.position()) < 0) {
                    throw new IOException("blob " + file + " ended before " + (offset + length) + " bytes");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpData.wrap(bytes.array());
    }

    private static void pump(Path file, long offset, long length, ByteBufAllocator alloc, StreamWriter<HttpData> writer) {
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                if (inFlight.size() >= CHUNKS_IN_FLIGHT) inFlight.removeFirst().join();
                if (!writer.isOpen()) return;
                int size = (int) Math.min(CHUNK_BYTES, end - position);
                // blobs never change once stored, so their pages can be sent straight from the page cache
                ByteBuf buffer = Unpooled.wrappedBuffer(channel.map(FileChannel.MapMode.READ_ONLY, position, size));
                position += size;
                if (!writer.tryWrite(HttpData.wrap(buffer))) {
                    buffer.release();
                    return;
                }
                inFlight.addLast(writer.whenConsumed());
            }
            writer.close();
        } catch (IOException | RuntimeException e) {
            writer.close(e);
        }
    }
}
