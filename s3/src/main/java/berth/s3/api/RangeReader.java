package berth.s3.api;

import berth.s3.core.Checksums;
import berth.s3.core.Extent;
import berth.s3.core.Part;
import berth.s3.data.ObjectData;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads a byte range across an object's extents as one stream (copying a part, a full-object checksum). */
final class RangeReader {
    private RangeReader() {}

    static InputStream open(ObjectData data, List<Extent> extents, long first, long length) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        long position = 0;
        for (Extent extent : extents) {
            long start = Math.max(first, position);
            long end = Math.min(first + length, position + extent.length());
            if (start < end) {
                var file = data.open(extent.dataId()).orElseThrow(() -> new IOException("missing data " + extent.dataId()));
                FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
                channel.position(start - position);
                streams.add(new java.io.BufferedInputStream(boundedStream(channel, end - start), 1 << 20));
            }
            position += extent.length();
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    private static InputStream boundedStream(FileChannel channel, long length) {
        InputStream raw = Channels.newInputStream(channel);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) return -1;
                int b = raw.read();
                if (b >= 0) left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (left <= 0) return -1;
                int n = raw.read(buffer, offset, (int) Math.min(count, left));
                if (n > 0) left -= n;
                return n;
            }

            @Override
            public void close() throws IOException {
                raw.close();
            }
        };
    }

    /** The full-object checksum of parts, read through in order. */
    static String checksum(ObjectData data, List<Part> parts, String algorithm) throws IOException {
        Checksums.Running running = Checksums.start(algorithm);
        List<Extent> extents = parts.stream().map(p -> new Extent(p.dataId(), p.size())).toList();
        long total = parts.stream().mapToLong(Part::size).sum();
        try (InputStream in = open(data, extents, 0, total)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) running.update(buffer, 0, n);
        }
        return running.base64();
    }
}
