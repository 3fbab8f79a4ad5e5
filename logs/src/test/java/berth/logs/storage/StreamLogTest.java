package berth.logs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamLogTest {
    @TempDir
    Path dir;

    static final String ID = "0123456789abcdef01234567";

    static List<StoredEvent> all(StreamLog log) {
        return log.read(r -> r.load(0, r.events().size()));
    }

    static void put(StreamLog log, long firstTimestamp, String... messages) throws IOException {
        long[] ts = new long[messages.length];
        byte[][] bytes = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            ts[i] = firstTimestamp + i;
            bytes[i] = messages[i].getBytes(StandardCharsets.UTF_8);
        }
        log.append(ts, bytes, 0, messages.length, 5_000);
    }

    @Test
    void appendedEventsReadBackInOrderWithStatistics() throws IOException {
        LogStorage storage = new LogStorage(dir);
        StreamLog log = storage.stream(ID);
        put(log, 1000, "a", "bb", "ccc");
        put(log, 1003, "dddd");
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly("a", "bb", "ccc", "dddd");
        assertThat(all(log)).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L);
        StreamStats stats = log.stats();
        assertThat(stats.eventCount()).isEqualTo(4);
        assertThat(stats.firstEventTimestamp()).hasValue(1000);
        assertThat(stats.lastEventTimestamp()).hasValue(1003);
        assertThat(stats.lastIngestionTime()).hasValue(5000);
        assertThat(stats.storedBytes()).isEqualTo(10);
    }

    @Test
    void reopenedStreamHasEverythingAndContinuesTheSequence() throws IOException {
        LogStorage storage = new LogStorage(dir);
        put(storage.stream(ID), 1000, "one", "two");
        storage.close();

        LogStorage again = new LogStorage(dir);
        StreamLog log = again.stream(ID);
        assertThat(all(log)).extracting(StoredEvent::message).containsExactly("one", "two");
        put(log, 1002, "three");
        assertThat(all(log)).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void outOfOrderBatchesAreIndexedByTimestamp() throws IOException {
        StreamLog log = new LogStorage(dir).stream(ID);
        put(log, 2000, "late-1", "late-2");
        put(log, 1000, "early-1", "early-2");
        put(log, 2000, "late-3");
        assertThat(all(log)).extracting(StoredEvent::message)
                .containsExactly("early-1", "early-2", "late-1", "late-3", "late-2");
        assertThat(all(log)).extracting(StoredEvent::timestamp).containsExactly(1000L, 1001L, 2000L, 2000L, 2001L);
    }

    @Test
    void eventsSpanSegmentsWhenSegmentsFill() throws IOException {
        LogStorage storage = new LogStorage(dir, 200);
        StreamLog log = storage.stream(ID);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String message = "message number " + i;
            expected.add(message);
            put(log, 1000 + i, message);
        }
        assertThat(log.segments.size()).isGreaterThan(5);
        assertThat(all(log)).extracting(StoredEvent::message).containsExactlyElementsOf(expected);
        storage.close();
        assertThat(all(new LogStorage(dir, 200).stream(ID))).extracting(StoredEvent::message).containsExactlyElementsOf(expected);
    }

    @Test
    void concurrentAppendersAllLandAndEachBatchStaysContiguous() throws Exception {
        StreamLog log = new LogStorage(dir).stream(ID);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int b = 0; b < 50; b++) {
                    put(log, 1000, "w" + writer + "b" + b + "e0", "w" + writer + "b" + b + "e1", "w" + writer + "b" + b + "e2");
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        pool.shutdown();
        List<StoredEvent> events = all(log);
        assertThat(events).hasSize(8 * 50 * 3);
        assertThat(events.stream().map(StoredEvent::message).distinct().count()).isEqualTo(1200);
        for (StoredEvent event : events) {
            if (event.message().endsWith("e0")) {
                long seq = event.sequence();
                String batch = event.message().substring(0, event.message().length() - 2);
                assertThat(events.stream().filter(e -> e.sequence() == seq + 2).findFirst().orElseThrow().message())
                        .isEqualTo(batch + "e2");
            }
        }
    }

    @Test
    void deletedStreamRefusesAppendsAndReads() throws IOException {
        LogStorage storage = new LogStorage(dir);
        StreamLog log = storage.stream(ID);
        put(log, 1000, "x");
        storage.delete(ID);
        assertThatThrownBy(() -> put(log, 1001, "y")).isInstanceOf(StreamClosedException.class);
        assertThatThrownBy(() -> all(log)).isInstanceOf(StreamClosedException.class);
        assertThat(storage.storedIds()).isEmpty();
        assertThat(all(storage.stream(ID))).isEmpty();
    }
}
