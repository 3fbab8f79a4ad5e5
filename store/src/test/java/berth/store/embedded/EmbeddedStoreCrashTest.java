package berth.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.store.Store;
import berth.store.StoreFailure;
import berth.store.StoredRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process writing to an embedded store at a random moment, often in the middle of
 * a compaction, and checks that every write it acknowledged is there after reopening.
 */
class EmbeddedStoreCrashTest {
    private static final int ROUNDS = 6;
    private static final int WRITER_THREADS = 4;
    /** Small enough that the writer compacts several times a second. */
    private static final long COMPACTION_BYTES = 64 * 1024;

    /** The last acknowledged write of a key: a put of value(key, nonce), or a delete. */
    private record Ack(long version, long nonce, boolean deleted) {}

    @TempDir
    Path scratch;

    private Path directory;

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        directory = scratch.resolve("state");
        Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            int acksBefore = acknowledged.size();
            long written = runAndKill(acknowledged, round == 0, round % 2 == 1);
            assertThat(written).as("writes acknowledged in round %d", round).isPositive();
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(acksBefore);
            try (Store store = EmbeddedStore.open(directory)) {
                for (Map.Entry<String, Ack> entry : acknowledged.entrySet()) {
                    assertSurvived(store, entry.getKey(), entry.getValue());
                }
                StoredRecord after = store.put("crash", "after-" + round, new byte[] {1}, Store.ABSENT);
                long highest = acknowledged.values().stream().mapToLong(Ack::version).max().orElse(0);
                assertThat(after.version()).isGreaterThan(highest);
            }
        }
    }

    private static void assertSurvived(Store store, String key, Ack ack) {
        Optional<StoredRecord> found = store.get("crash", key);
        if (ack.deleted()) {
            found.ifPresent(r -> assertThat(r.version()).as("%s recreated after its acknowledged delete", key)
                    .isGreaterThan(ack.version()));
            return;
        }
        if (found.isEmpty()) {
            // Only a toggled key may have been deleted since, by a write in flight at the kill.
            assertThat(AcknowledgingWriter.isToggled(key)).as("acknowledged %s at version %d is lost", key, ack.version())
                    .isTrue();
            return;
        }
        StoredRecord record = found.get();
        assertThat(record.version()).as("version of %s", key).isGreaterThanOrEqualTo(ack.version());
        if (record.version() == ack.version()) {
            assertThat(record.value()).as("value of %s", key).isEqualTo(AcknowledgingWriter.value(key, ack.nonce()));
        }
    }

    /**
     * Runs the writer until a random moment after it started acknowledging, then kills it; or, with
     * {@code duringCompaction}, as soon as a compaction starts writing its snapshot. The writer's
     * output goes to a file, so every line it wrote before the kill is there to read afterwards.
     */
    private long runAndKill(Map<String, Ack> acknowledged, boolean checkLock, boolean duringCompaction)
            throws Exception {
        Path output = scratch.resolve("writer-output.txt");
        Path errors = scratch.resolve("writer-errors.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AcknowledgingWriter.class.getName(), directory.toString(), Integer.toString(WRITER_THREADS),
                Long.toString(COMPACTION_BYTES))
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            awaitOutput(output, line -> line.startsWith("ack "), errors);
            if (checkLock) {
                assertThatThrownBy(() -> EmbeddedStore.open(directory))
                        .isInstanceOf(StoreFailure.class)
                        .hasMessageContaining("in use by another process (pid " + writer.pid() + ")");
            }
            if (duringCompaction) {
                awaitCompactionStart(Duration.ofSeconds(5));
            } else {
                Thread.sleep(ThreadLocalRandom.current().nextLong(150, 500));
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(writer.isAlive()).isFalse();
        long count = 0;
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            // A line cut by the kill lacks its end marker and proves nothing.
            if (parts.length != 5 || !parts[0].equals("ack") || !parts[4].equals("end")) continue;
            boolean deleted = parts[3].equals("deleted");
            acknowledged.put(parts[1], new Ack(Long.parseLong(parts[2]), deleted ? 0 : Long.parseLong(parts[3]), deleted));
            count++;
        }
        return count;
    }

    private static void awaitOutput(Path output, Predicate<String> wanted, Path errors) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(output) && Files.readAllLines(output, StandardCharsets.UTF_8).stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer acknowledged nothing; its stderr: " + errorsOf(errors));
    }

    private void awaitCompactionStart(Duration limit) throws IOException, InterruptedException {
        try (WatchService watcher = directory.getFileSystem().newWatchService()) {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                WatchKey key = watcher.poll(50, TimeUnit.MILLISECONDS);
                if (key == null) continue;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path created && created.toString().endsWith(".tmp")) return;
                }
                key.reset();
            }
        }
    }

    private static String errorsOf(Path errors) {
        try {
            return Files.exists(errors) ? String.join("\n", Files.readAllLines(errors)) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
