package berth.store.embedded;

import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Write;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A process that writes to an embedded store from several threads as fast as it can and prints a
 * line for every write the store acknowledged, until it is killed:
 * {@code ack KEY VERSION NONCE end} for a put of {@link #value(String, long) value(KEY, NONCE)},
 * {@code ack KEY VERSION deleted end} for a delete. Each key is written by one thread only, so the
 * last line printed for a key is the state the store must hold (or a later one). Only keys named
 * {@code *-toggle*} are ever deleted.
 *
 * <p>Arguments: store directory, thread count, compaction threshold in bytes.
 */
public final class AcknowledgingWriter {
    static final int KEYS_PER_THREAD = 40;

    private AcknowledgingWriter() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long compactionBytes = Long.parseLong(args[2]);
        Store store = EmbeddedStore.open(directory, new CompactionPolicy(compactionBytes, 2.0));
        System.out.println("ready");
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> writeForever(store, thread));
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static boolean isToggled(String key) {
        return key.contains("-toggle");
    }

    static byte[] value(String key, long nonce) {
        StringBuilder value = new StringBuilder(key).append('|').append(nonce).append('|');
        while (value.length() < 200) value.append((char) ('a' + Math.floorMod(nonce + value.length(), 26)));
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeForever(Store store, int thread) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long i = 0; ; i++) {
            int slot = (int) (i % KEYS_PER_THREAD);
            String key = "t" + thread + (slot % 8 == 0 ? "-toggle" : "-key") + slot;
            Optional<StoredRecord> current = store.get("crash", key);
            long expected = current.map(StoredRecord::version).orElse(Store.ABSENT);
            if (isToggled(key) && current.isPresent() && random.nextBoolean()) {
                StoredRecord deleted = store.commit(List.of(Write.delete("crash", key, expected))).get(0);
                System.out.println("ack " + key + " " + deleted.version() + " deleted end");
            } else {
                long nonce = random.nextLong() >>> 1;
                StoredRecord written = store.put("crash", key, value(key, nonce), expected);
                System.out.println("ack " + key + " " + written.version() + " " + nonce + " end");
            }
        }
    }
}
