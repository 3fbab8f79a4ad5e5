package berth.registry.oci;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.common.stream.StreamWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.io.IOException;
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

    static StreamMessage<HttpData> of(Path file, long offset, long length, ByteBufAllocator alloc, Executor executor) {
        StreamWriter<HttpData> writer = StreamMessage.streaming();
        executor.execute(() -> pump(file, offset, length, alloc, writer));
        return writer;
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
