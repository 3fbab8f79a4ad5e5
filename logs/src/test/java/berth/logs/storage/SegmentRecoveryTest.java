package berth.logs.storage;

import static berth.logs.storage.StreamLogTest.ID;
import static berth.logs.storage.StreamLogTest.all;
import static berth.logs.storage.StreamLogTest.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash can leave behind, and that opening the stream again repairs it without losing acknowledged events. */
class SegmentRecoveryTest {
    @TempDir
    Path dir;

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("streams").resolve(ID))) {
            return files.filter(Segment::isSegment).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private void appendRaw(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(bytes));
        }
    }

    @Test
    void tornTailIsCutOffAndAppendsContinueAfterIt() throws IOException {
        LogStorage storage = new LogStorage(dir);
        put(storage.stream(ID), 1000, "kept-1", "kept-2");
        storage.close();
        Path segment = lastSegment();
        long intact = Files.size(segment);
        ByteBuffer partial = ByteBuffer.allocate(20);
        partial.putInt(24 + 100).putInt(12345).putLong(1002L).putInt(7);
        appendRaw(segment, partial.array());

        StreamLog log = new LogStorage(dir).stream(ID);
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly("kept-1", "kept-2");
        assertThat(Files.size(segment)).isEqualTo(intact);
        put(log, 1002, "after");
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly("kept-1", "kept-2", "after");
    }

    @Test
    void lastRecordWithABadChecksumIsCutOff() throws IOException {
        LogStorage storage = new LogStorage(dir);
        StreamLog log = storage.stream(ID);
        put(log, 1000, "good");
        put(log, 1001, "bad!");
        storage.close();
        Path segment = lastSegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(segment, bytes);

        assertThat(all(new LogStorage(dir).stream(ID))).extracting(StoredEvent::message).containsExactly("good");
    }

    @Test
    void aSegmentCutBeforeItsMagicIsRemoved() throws IOException {
        LogStorage storage = new LogStorage(dir, 100);
        put(storage.stream(ID), 1000, "first");
        storage.close();
        Path half = Segment.pathOf(dir.resolve("streams").resolve(ID), 2);
        Files.write(half, new byte[] {'B', 'E', 'R'});

        StreamLog log = new LogStorage(dir, 100).stream(ID);
        assertThat(Files.exists(half)).isFalse();
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly("first");
        put(log, 1001, "second");
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly("first", "second");
    }

    @Test
    void anUnfinishedRetentionRewriteIsDiscarded() throws IOException {
        LogStorage storage = new LogStorage(dir);
        put(storage.stream(ID), 1000, "a", "b");
        storage.close();
        Path segment = lastSegment();
        Path tmp = segment.resolveSibling(segment.getFileName() + ".tmp");
        Files.write(tmp, Segment.MAGIC);

        assertThat(all(new LogStorage(dir).stream(ID))).extracting(StoredEvent::message).containsExactly("a", "b");
        assertThat(Files.exists(tmp)).isFalse();
    }

    @Test
    void garbageAfterManyRecordsSpanningReadChunksKeepsEveryRecord() throws IOException {
        LogStorage storage = new LogStorage(dir);
        StreamLog log = storage.stream(ID);
        String big = "x".repeat(300_000);
        for (int i = 0; i < 20; i++) put(log, 1000 + i, big + i);
        storage.close();
        appendRaw(lastSegment(), new byte[] {0, 0, 0, 1, 2, 3});
        assertThat(all(new LogStorage(dir).stream(ID))).hasSize(20).last().extracting(StoredEvent::message).isEqualTo(big + 19);
    }
}
