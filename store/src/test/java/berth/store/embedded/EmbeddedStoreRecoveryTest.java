package berth.store.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.store.Store;
import berth.store.StoreFailure;
import berth.store.StoredRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's files after crashes and compactions: what open makes of them. */
class EmbeddedStoreRecoveryTest {
    @TempDir
    Path directory;

    @Test
    void aTornFrameAtTheEndIsCutOffAndTheCommitsBeforeItSurvive() throws IOException {
        writeRecords("a", "b", "c");
        Path log = onlyFile("log-");
        long intactSize = Files.size(log);
        Files.write(log, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6}, StandardOpenOption.APPEND);

        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(keys(store)).containsExactly("a", "b", "c");
            assertThat(Files.size(log)).isEqualTo(intactSize);
            store.put("k", "d", "d".getBytes(UTF_8), Store.ABSENT);
        }
        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(keys(store)).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    void aFrameWithABadChecksumEndsTheLog() throws IOException {
        writeRecords("a", "b", "c");
        Path log = onlyFile("log-");
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.seek(file.length() - 3);
            file.write('X');
        }

        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(keys(store)).containsExactly("a", "b");
            StoredRecord replacement = store.put("k", "c", "again".getBytes(UTF_8), Store.ABSENT);
            assertThat(replacement.version()).isGreaterThan(store.get("k", "b").orElseThrow().version());
        }
    }

    @Test
    void aZeroFilledTailIsCutOff() throws IOException {
        writeRecords("a");
        Files.write(onlyFile("log-"), new byte[8192], StandardOpenOption.APPEND);

        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(keys(store)).containsExactly("a");
        }
    }

    @Test
    void aLogWithoutACompleteHeaderStartsEmpty() throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve("log-0000000000000000"), new byte[] {'B', 'E', 'R'});

        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(store.scanAll()).isEmpty();
            store.put("k", "a", new byte[0], Store.ABSENT);
        }
        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(keys(store)).containsExactly("a");
        }
    }

    @Test
    void aForeignLogFileIsRefused() throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("log-0000000000000000"), "not a berth log at all");

        assertThatThrownBy(() -> EmbeddedStore.open(directory))
                .isInstanceOf(StoreFailure.class)
                .hasMessageContaining("not a berth commit log");
    }

    @Test
    void compactionKeepsLiveRecordsVersionsAndDeletions() throws IOException {
        CompactionPolicy eager = new CompactionPolicy(4096, 2.0);
        long lastVersion;
        try (Store store = EmbeddedStore.open(directory, eager)) {
            store.put("k", "doomed", new byte[10], Store.ABSENT);
            store.delete("k", "doomed", Store.ANY);
            for (int i = 0; i < 300; i++) {
                store.put("k", "key" + (i % 10), ("value " + i).getBytes(UTF_8), Store.ANY);
            }
            lastVersion = store.get("k", "key9").orElseThrow().version();
        }
        assertThat(fileNames()).anyMatch(name -> name.startsWith("snapshot-"));
        assertThat(fileNames()).filteredOn(name -> name.startsWith("log-")).hasSize(1);
        assertThat(Files.size(onlyFile("log-"))).isLessThan(8192);

        try (Store store = EmbeddedStore.open(directory, eager)) {
            assertThat(store.scanAll()).hasSize(10);
            assertThat(new String(store.get("k", "key9").orElseThrow().value(), UTF_8)).isEqualTo("value 299");
            assertThat(store.get("k", "key9").orElseThrow().version()).isEqualTo(lastVersion);
            assertThat(store.get("k", "doomed")).isEmpty();
            assertThat(store.put("k", "doomed", new byte[0], Store.ABSENT).version()).isGreaterThan(lastVersion);
        }
    }

    @Test
    void aSnapshotNamedBeforeItsLogWasCreatedBecomesCurrent() throws IOException {
        long lastVersion = writeRecords("a", "b");
        List<StoredRecord> records;
        try (Store store = EmbeddedStore.open(directory)) {
            records = store.scanAll();
        }
        // What a crash between compaction steps 2 and 3 leaves: snapshot 1 named, log 1 missing, log 0
        // still there; and an unfinished snapshot of a later attempt.
        SnapshotFile.write(directory.resolve("snapshot-0000000000000001"), lastVersion, records);
        Files.write(directory.resolve("snapshot-0000000000000002.tmp"), new byte[] {1, 2, 3});

        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(keys(store)).containsExactly("a", "b");
            assertThat(fileNames()).containsExactlyInAnyOrder("lock", "snapshot-0000000000000001", "log-0000000000000001");
            assertThat(store.put("k", "c", new byte[0], Store.ABSENT).version()).isGreaterThan(lastVersion);
        }
        try (Store store = EmbeddedStore.open(directory)) {
            assertThat(keys(store)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryInThisProcessFails() {
        try (Store first = EmbeddedStore.open(directory)) {
            assertThatThrownBy(() -> EmbeddedStore.open(directory))
                    .isInstanceOf(StoreFailure.class)
                    .hasMessageContaining("already open in this process");
        }
        EmbeddedStore.open(directory).close();
    }

    @Test
    void aCorruptSnapshotIsRefusedRatherThanLosingData() throws IOException {
        long lastVersion = writeRecords("a", "b");
        List<StoredRecord> records;
        try (Store store = EmbeddedStore.open(directory)) {
            records = store.scanAll();
        }
        Path snapshot = directory.resolve("snapshot-0000000000000001");
        SnapshotFile.write(snapshot, lastVersion, records);
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.seek(30);
            file.write(0x7f);
        }

        assertThatThrownBy(() -> EmbeddedStore.open(directory))
                .isInstanceOf(StoreFailure.class)
                .hasMessageContaining("corrupt");
    }

    /** Writes one record per key, one commit each, and returns the last version. */
    private long writeRecords(String... keys) {
        long version = 0;
        try (Store store = EmbeddedStore.open(directory)) {
            for (String key : keys) {
                version = store.put("k", key, key.getBytes(UTF_8), Store.ABSENT).version();
            }
        }
        return version;
    }

    private static List<String> keys(Store store) {
        return store.list("k", "").stream().map(StoredRecord::key).toList();
    }

    private Path onlyFile(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
