package berth.logs.storage;

import static berth.logs.storage.StreamLogTest.ID;
import static berth.logs.storage.StreamLogTest.all;
import static berth.logs.storage.StreamLogTest.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionCompactionTest {
    @TempDir
    Path dir;

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("streams").resolve(ID))) {
            return files.filter(Segment::isSegment).count();
        }
    }

    @Test
    void expiredSegmentsAreDeletedAndPartlyExpiredOnesRewritten() throws IOException {
        LogStorage storage = new LogStorage(dir, 120);
        StreamLog log = storage.stream(ID);
        for (int i = 0; i < 20; i++) put(log, 1000 + i * 10L, "event-" + i);
        long before = segmentFiles();

        int removed = log.expire(1095);
        assertThat(removed).isEqualTo(10);
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly(
                "event-10", "event-11", "event-12", "event-13", "event-14", "event-15", "event-16", "event-17", "event-18",
                "event-19");
        assertThat(segmentFiles()).isLessThan(before);
        assertThat(log.stats().storedBytes()).isEqualTo(80);

        put(log, 2000, "later");
        storage.close();
        StreamLog reopened = new LogStorage(dir, 120).stream(ID);
        assertThat(all(reopened)).hasSize(11).first().extracting(StoredEvent::message).isEqualTo("event-10");
        assertThat(all(reopened)).last().extracting(StoredEvent::message).isEqualTo("later");
    }

    @Test
    void expiringTheActiveSegmentSealsItFirst() throws IOException {
        LogStorage storage = new LogStorage(dir);
        StreamLog log = storage.stream(ID);
        put(log, 1000, "old-1", "old-2");
        put(log, 5000, "new-1");
        assertThat(log.expire(3000)).isEqualTo(2);
        put(log, 5001, "new-2");
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly("new-1", "new-2");
        storage.close();
        assertThat(all(new LogStorage(dir).stream(ID))).extracting(StoredEvent::message).containsExactly("new-1", "new-2");
    }

    @Test
    void nothingExpiredChangesNothing() throws IOException {
        StreamLog log = new LogStorage(dir).stream(ID);
        put(log, 1000, "a");
        assertThat(log.expire(500)).isZero();
        assertThat(all(log)).hasSize(1);
    }
}
