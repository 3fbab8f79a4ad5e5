package berth.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a request body onto the end of an upload's data file. The calling thread reads and writes;
 * the running SHA-256 is updated on another thread, in order, one buffer behind, so hashing overlaps
 * the network and the disk instead of adding to them; every {@link #FLUSH_EVERY_BYTES} the written
 * bytes are forced in the background, so completing a large upload has little left to force.
 */
final class UploadAppender {
    private static final int BUFFER_BYTES = 1 << 20;
    /** Buffers in flight per append: one being filled, the others waiting to be hashed. */
    private static final int BUFFERS = 4;
    private static final long FLUSH_EVERY_BYTES = 32L << 20;
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "berth-blob-io");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * What an append did: the bytes it wrote (all of them hashed when a digest was given) and the
     * failure that ended the body early, if the client went away mid-stream.
     */
    record Appended(long bytes, IOException bodyFailure) {
    }

    private UploadAppender() {
    }

    /**
     * Appends {@code data} to {@code channel}, updating {@code sha256} (when not null) with exactly the
     * bytes written. A failing write propagates, after which the digest covers an unknown prefix.
     */
    static Appended append(FileChannel channel, InputStream data, MessageDigest sha256) throws IOException {
        ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        int allocated = 0;
        CompletableFuture<Void> hashing = CompletableFuture.completedFuture(null);
        Future<?> flushing = CompletableFuture.completedFuture(null);
        long written = 0;
        long unflushed = 0;
        try {
            while (true) {
                byte[] buffer = free.poll();
                if (buffer == null && allocated < BUFFERS) {
                    buffer = new byte[BUFFER_BYTES];
                    allocated++;
                }
                if (buffer == null) buffer = free.take();
                int read = 0;
                IOException bodyFailure = null;
                try {
                    int n;
                    while (read < buffer.length && (n = data.read(buffer, read, buffer.length - read)) > 0) read += n;
                } catch (IOException e) {
                    bodyFailure = e;
                }
                if (read > 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) channel.write(chunk);
                    written += read;
                    unflushed += read;
                }
                if (sha256 != null && read > 0) {
                    byte[] filled = buffer;
                    int length = read;
                    hashing = hashing.thenRunAsync(() -> {
                        sha256.update(filled, 0, length);
                        free.add(filled);
                    }, WORKERS);
                } else {
                    free.add(buffer);
                }
                if (unflushed >= FLUSH_EVERY_BYTES && flushing.isDone()) {
                    unflushed = 0;
                    flushing = WORKERS.submit(() -> {
                        try {
                            channel.force(false);
                        } catch (IOException closed) {
                            // the append ended first; completion forces what is left
                        }
                    });
                }
                if (bodyFailure != null) return new Appended(written, bodyFailure);
                if (read < buffer.length) return new Appended(written, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while appending to an upload", e);
        } finally {
            hashing.join();
            waitFor(flushing);
        }
    }

    private static void waitFor(Future<?> flush) {
        try {
            flush.get();
        } catch (ExecutionException e) {
            // a failed early flush is retried by the final force
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
