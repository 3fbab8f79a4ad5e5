package berth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} adapter passes: the single-client cases of
 * {@link StoreSingleClientContract} plus many writers at once. An adapter's test extends this and
 * implements {@link #openStore()}; {@link #openSecondClient()} may give a second, independent
 * client of the same state (another process's view), by default the same store.
 */
public abstract class StoreContract extends StoreSingleClientContract {
    private static final int THREADS = 8;

    /** Another client of the same state, closed by the test; by default the store under test itself. */
    protected Store openSecondClient() {
        return store;
    }

    @Test
    void concurrentCompareAndSetIncrementsLoseNoUpdate() throws Exception {
        int incrementsPerThread = 25;
        store.put("counter", "c", encode(0), Store.ABSENT);
        Store second = openSecondClient();
        AtomicInteger conflicts = new AtomicInteger();
        try {
            runConcurrently(THREADS, thread -> {
                Store client = thread % 2 == 0 ? store : second;
                for (int done = 0; done < incrementsPerThread; ) {
                    StoredRecord current = client.get("counter", "c").orElseThrow();
                    try {
                        client.put("counter", "c", encode(decode(current) + 1), current.version());
                        done++;
                    } catch (VersionConflict lost) {
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            });
        } finally {
            if (second != store) second.close();
        }
        assertThat(decode(store.get("counter", "c").orElseThrow())).isEqualTo(THREADS * incrementsPerThread);
    }

    @Test
    void concurrentCreatorsOfOneRecordHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "r" + round;
            List<Boolean> won = runConcurrently(THREADS, thread -> {
                try {
                    store.put("claim", key, encode(thread), Store.ABSENT);
                    return true;
                } catch (VersionConflict lost) {
                    return false;
                }
            });
            assertThat(won.stream().filter(w -> w).count()).as("winners of %s", key).isEqualTo(1);
        }
    }

    @Test
    void concurrentWritersGetDistinctIncreasingVersionsAndAllRecordsLand() throws Exception {
        int recordsPerThread = 40;
        ConcurrentLinkedQueue<Long> versions = new ConcurrentLinkedQueue<>();
        runConcurrently(THREADS, thread -> {
            long previous = 0;
            for (int i = 0; i < recordsPerThread; i++) {
                StoredRecord written = store.commit(List.of(
                        Write.put("many", thread + "/" + i, encode(i), Store.ABSENT),
                        Write.put("many.index", thread + "/" + i, encode(thread), Store.ABSENT))).get(0);
                assertThat(written.version()).isGreaterThan(previous);
                previous = written.version();
                versions.add(written.version());
            }
            return null;
        });
        assertThat(new HashSet<>(versions)).hasSize(THREADS * recordsPerThread);
        assertThat(store.list("many", "")).hasSize(THREADS * recordsPerThread);
        assertThat(store.list("many.index", "")).hasSize(THREADS * recordsPerThread);
        reopen();
        assertThat(store.list("many", "3/")).hasSize(recordsPerThread);
    }

    @Test
    void aWatcherSeesEveryRecordWrittenByConcurrentWriters() throws Exception {
        int recordsPerThread = 20;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(THREADS * recordsPerThread);
        Store second = openSecondClient();
        try (Subscription ignored = store.watch("watched", change -> {
            if (seen.add(change.record().key())) all.countDown();
        })) {
            runConcurrently(THREADS, thread -> {
                Store client = thread % 2 == 0 ? store : second;
                for (int i = 0; i < recordsPerThread; i++) {
                    client.put("watched", thread + "/" + i, encode(i), Store.ABSENT);
                }
                return null;
            });
            assertThat(all.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("all changes delivered").isTrue();
        } finally {
            if (second != store) second.close();
        }
    }

    protected interface ThreadWork<T> {
        T run(int thread) throws Exception;
    }

    /** Starts {@code threads} workers at once and returns their results in thread order. */
    protected static <T> List<T> runConcurrently(int threads, ThreadWork<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<T> task = () -> {
                    start.await();
                    return work.run(thread);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    protected static byte[] encode(long number) {
        return ByteBuffer.allocate(Long.BYTES).putLong(number).array();
    }

    protected static long decode(StoredRecord record) {
        return ByteBuffer.wrap(record.value()).getLong();
    }
}
