package berth.bench;

import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import berth.store.postgres.PostgresLocation;
import berth.store.postgres.PostgresStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Committed writes per second of the store adapters, beside their anchors measured in the same run:
 * the raw fsync rate of the disk ({@code FileChannel.write} of one record-sized buffer plus
 * {@code force(false)} per write, what the embedded store's log does once per group commit) and,
 * when a URL is given, the PostgreSQL adapter under the same workload. The workload: each writer
 * thread puts 128-byte values over its own 1000 keys with {@link Store#ANY}, one commit per put.
 *
 * <p>Arguments: {@code [--dir DIR] [--pg URL] [--seconds N]}; the URL may also come from
 * {@code BERTH_BENCH_PG_URL}. DIR (default {@code target/store-bench}) must be on the disk under
 * test, not a tmpfs.
 */
public final class StoreWriteBench {
    private static final int VALUE_BYTES = 128;
    private static final int KEYS_PER_WRITER = 1000;
    private static final int MANY_WRITERS = 16;

    private record Result(String workload, int writers, double writesPerSecond) {}

    private interface StoreOpener {
        Store open() throws Exception;
    }

    private StoreWriteBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(argument(args, "--dir").orElse("target/store-bench")).toAbsolutePath();
        Optional<String> pgUrl = argument(args, "--pg").or(() -> Optional.ofNullable(System.getenv("BERTH_BENCH_PG_URL")));
        double seconds = Double.parseDouble(argument(args, "--seconds").orElse("3"));
        Files.createDirectories(dir);
        System.out.printf("store write bench: %s (%s), %.1f s per measurement, %d cores%n", dir,
                Files.getFileStore(dir).type(), seconds, Runtime.getRuntime().availableProcessors());

        List<Result> results = new ArrayList<>();
        results.add(new Result("raw write+fsync", 1, rawFsyncRate(dir.resolve("fsync-probe"), seconds)));
        Path embeddedDir = dir.resolve("embedded");
        for (int writers : new int[] {1, MANY_WRITERS}) {
            deleteRecursively(embeddedDir);
            results.add(new Result("embedded store", writers,
                    measure(() -> EmbeddedStore.open(embeddedDir), writers, seconds)));
        }
        deleteRecursively(embeddedDir);
        if (pgUrl.isPresent()) {
            PostgresLocation server = PostgresLocation.parse(pgUrl.get());
            for (int writers : new int[] {1, MANY_WRITERS}) {
                PostgresLocation location = server
                        .withSchema("berth_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4))
                        .withPoolSize(writers);
                try {
                    results.add(new Result("postgresql store", writers,
                            measure(() -> PostgresStore.open(location), writers, seconds)));
                } finally {
                    dropSchema(location);
                }
            }
        } else {
            System.out.println("(no PostgreSQL URL given: --pg URL or BERTH_BENCH_PG_URL; its rows are left out)");
        }
        printTable(results);
    }

    private static double rawFsyncRate(Path file, double seconds) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(VALUE_BYTES + 64);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            runFor(0.5, () -> {
                record.clear();
                channel.write(record);
                channel.force(false);
            });
            long count = runFor(seconds, () -> {
                record.clear();
                channel.write(record);
                channel.force(false);
            });
            return count / seconds;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private static long runFor(double seconds, Step step) throws IOException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        while (System.nanoTime() < end) {
            step.run();
            count++;
        }
        return count;
    }

    /** Runs {@code writers} threads putting as fast as they can: a short warm-up, then the measured span. */
    private static double measure(StoreOpener opener, int writers, double seconds) throws Exception {
        try (Store store = opener.open()) {
            runWriters(store, writers, Math.min(1.0, seconds / 3));
            return runWriters(store, writers, seconds) / seconds;
        }
    }

    private static long runWriters(Store store, int writers, double seconds) throws InterruptedException {
        LongAdder committed = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().start(() -> {
                byte[] value = new byte[VALUE_BYTES];
                ThreadLocalRandom.current().nextBytes(value);
                for (long i = 0; System.nanoTime() < end; i++) {
                    store.put("bench.record", "w" + writer + "/" + (i % KEYS_PER_WRITER), value, Store.ANY);
                    committed.increment();
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        return committed.sum();
    }

    private static void printTable(List<Result> results) {
        double fsync = results.get(0).writesPerSecond();
        double embeddedOne = rate(results, "embedded store", 1);
        System.out.println();
        System.out.printf("%-18s %8s %14s %12s %14s%n", "workload", "writers", "writes/s", "/ raw fsync", "/ same, 1 writer");
        for (Result result : results) {
            double single = rate(results, result.workload(), 1);
            System.out.printf("%-18s %8d %14.0f %12.2f %14.2f%n", result.workload(), result.writers(),
                    result.writesPerSecond(), result.writesPerSecond() / fsync, result.writesPerSecond() / single);
        }
        double postgresOne = rate(results, "postgresql store", 1);
        if (!Double.isNaN(postgresOne)) {
            System.out.printf("%nembedded / postgresql: %.2f with 1 writer, %.2f with %d writers%n",
                    embeddedOne / postgresOne,
                    rate(results, "embedded store", MANY_WRITERS) / rate(results, "postgresql store", MANY_WRITERS),
                    MANY_WRITERS);
        }
    }

    private static double rate(List<Result> results, String workload, int writers) {
        return results.stream()
                .filter(r -> r.workload().equals(workload) && r.writers() == writers)
                .mapToDouble(Result::writesPerSecond)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static void dropSchema(PostgresLocation location) throws SQLException {
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
                Statement drop = connection.createStatement()) {
            drop.execute("DROP SCHEMA IF EXISTS \"" + location.schema() + "\" CASCADE");
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Optional<String> argument(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return Optional.of(args[i + 1]);
        }
        return Optional.empty();
    }
}
