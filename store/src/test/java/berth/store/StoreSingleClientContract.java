package berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} adapter promises to one client at a time; {@link StoreContract} adds
 * concurrent clients and is what an adapter's test extends. {@link #openStore()} must reopen the
 * same state when called again within one test.
 */
public abstract class StoreSingleClientContract {
    protected static final long WAIT_SECONDS = 10;

    protected Store store;

    /** Opens the store under test; a second call in the same test reopens the same state. */
    protected abstract Store openStore();

    /** Removes what the test left behind (after the store is closed). */
    protected void discardState() {}

    @BeforeEach
    void openStoreUnderTest() {
        store = openStore();
    }

    @AfterEach
    void closeStoreUnderTest() {
        try {
            store.close();
        } finally {
            discardState();
        }
    }

    protected Store reopen() {
        store.close();
        store = openStore();
        return store;
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    protected static String text(StoredRecord record) {
        return new String(record.value(), UTF_8);
    }

    @Test
    void putCreatesARecordThatGetReturns() {
        StoredRecord created = store.put("ecs.cluster", "a/r/default", bytes("{\"n\":1}"), Store.ABSENT);

        assertThat(created.version()).isPositive();
        assertThat(created.deleted()).isFalse();
        StoredRecord read = store.get("ecs.cluster", "a/r/default").orElseThrow();
        assertThat(read.version()).isEqualTo(created.version());
        assertThat(text(read)).isEqualTo("{\"n\":1}");
        assertThat(store.get("ecs.cluster", "a/r/other")).isEmpty();
        assertThat(store.get("ecs.service", "a/r/default")).isEmpty();
    }

    @Test
    void emptyAndLargeValuesRoundTrip() {
        byte[] large = new byte[1 << 20];
        for (int i = 0; i < large.length; i++) large[i] = (byte) (i * 31);
        store.put("blob", "empty", new byte[0], Store.ABSENT);
        store.put("blob", "large", large, Store.ABSENT);

        assertThat(store.get("blob", "empty").orElseThrow().value()).isEmpty();
        assertThat(store.get("blob", "large").orElseThrow().value()).isEqualTo(large);
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] value = bytes("original");
        store.put("k", "x", value, Store.ABSENT);
        value[0] = 'X';
        store.get("k", "x").orElseThrow().value()[1] = 'Y';

        assertThat(text(store.get("k", "x").orElseThrow())).isEqualTo("original");
    }

    @Test
    void listReturnsOneKindByKeyPrefixInCodePointOrder() {
        for (String key : List.of("a/r/b", "a/r/a", "a/s/c", "a/r/\uFFFD", "a/r/\uD83D\uDE00", "a/r", "b/r/a")) {
            store.put("ecs.task", key, bytes(key), Store.ABSENT);
        }
        store.put("ecs.taskset", "a/r/z", bytes("other kind"), Store.ABSENT);
        store.put("ecs.tas", "a/r/z", bytes("other kind"), Store.ABSENT);

        assertThat(keys(store.list("ecs.task", "a/r/")))
                .containsExactly("a/r/a", "a/r/b", "a/r/\uFFFD", "a/r/\uD83D\uDE00");
        assertThat(keys(store.list("ecs.task", "")))
                .containsExactly("a/r", "a/r/a", "a/r/b", "a/r/\uFFFD", "a/r/\uD83D\uDE00", "a/s/c", "b/r/a");
        assertThat(keys(store.list("ecs.task", "a/r/\uFFFD"))).containsExactly("a/r/\uFFFD");
        assertThat(store.list("ecs.task", "c")).isEmpty();
        assertThat(store.list("ecs.nothing", "")).isEmpty();
        assertThat(text(store.list("ecs.task", "a/s").get(0))).isEqualTo("a/s/c");
    }

    @Test
    void absentExpectationConflictsWithAnExistingRecord() {
        StoredRecord first = store.put("k", "x", bytes("1"), Store.ABSENT);

        assertThatThrownBy(() -> store.put("k", "x", bytes("2"), Store.ABSENT))
                .isInstanceOfSatisfying(VersionConflict.class, conflict -> {
                    assertThat(conflict.kind()).isEqualTo("k");
                    assertThat(conflict.key()).isEqualTo("x");
                    assertThat(conflict.expected()).isEqualTo(Store.ABSENT);
                    assertThat(conflict.actual()).isEqualTo(first.version());
                });
        assertThat(text(store.get("k", "x").orElseThrow())).isEqualTo("1");
    }

    @Test
    void exactExpectationMustMatchTheCurrentVersion() {
        StoredRecord first = store.put("k", "x", bytes("1"), Store.ABSENT);
        StoredRecord second = store.put("k", "x", bytes("2"), first.version());

        assertThat(second.version()).isGreaterThan(first.version());
        assertThatThrownBy(() -> store.put("k", "x", bytes("3"), first.version()))
                .isInstanceOfSatisfying(VersionConflict.class, conflict -> {
                    assertThat(conflict.expected()).isEqualTo(first.version());
                    assertThat(conflict.actual()).isEqualTo(second.version());
                });
        assertThatThrownBy(() -> store.put("k", "missing", bytes("3"), first.version()))
                .isInstanceOfSatisfying(VersionConflict.class,
                        conflict -> assertThat(conflict.actual()).isEqualTo(Store.ABSENT));
        assertThat(text(store.get("k", "x").orElseThrow())).isEqualTo("2");
        assertThat(store.get("k", "missing")).isEmpty();
    }

    @Test
    void anyExpectationCreatesAndOverwrites() {
        StoredRecord created = store.put("k", "x", bytes("1"), Store.ANY);
        StoredRecord overwritten = store.put("k", "x", bytes("2"), Store.ANY);

        assertThat(overwritten.version()).isGreaterThan(created.version());
        assertThat(text(store.get("k", "x").orElseThrow())).isEqualTo("2");
    }

    @Test
    void aMultiWriteCommitAppliesAllWritesWithOneVersion() {
        StoredRecord old = store.put("k", "gone", bytes("old"), Store.ABSENT);

        List<StoredRecord> results = store.commit(List.of(
                Write.put("k", "a", bytes("A"), Store.ABSENT),
                Write.put("j", "b", bytes("B"), Store.ANY),
                Write.delete("k", "gone", old.version()),
                Write.delete("k", "never", Store.ANY)));

        assertThat(results).extracting(StoredRecord::key).containsExactly("a", "b", "gone", "never");
        assertThat(results).extracting(StoredRecord::deleted).containsExactly(false, false, true, true);
        long version = results.get(0).version();
        assertThat(version).isGreaterThan(old.version());
        assertThat(results).extracting(StoredRecord::version).containsExactly(version, version, version, Store.ABSENT);
        assertThat(store.get("k", "a").orElseThrow().version()).isEqualTo(version);
        assertThat(store.get("j", "b").orElseThrow().version()).isEqualTo(version);
        assertThat(store.get("k", "gone")).isEmpty();
    }

    @Test
    void aConflictInAMultiWriteCommitWritesNothing() {
        StoredRecord existing = store.put("k", "b", bytes("B"), Store.ABSENT);
        StoredRecord doomed = store.put("k", "c", bytes("C"), Store.ABSENT);

        assertThatThrownBy(() -> store.commit(List.of(
                Write.put("k", "a", bytes("A"), Store.ABSENT),
                Write.delete("k", "c", doomed.version()),
                Write.put("k", "b", bytes("B2"), existing.version() + 1000))))
                .isInstanceOfSatisfying(VersionConflict.class, conflict -> assertThat(conflict.key()).isEqualTo("b"));

        assertThat(store.get("k", "a")).isEmpty();
        assertThat(store.get("k", "c")).isPresent();
        assertThat(store.get("k", "b").orElseThrow().version()).isEqualTo(existing.version());
        StoredRecord after = store.put("k", "a", bytes("A"), Store.ABSENT);
        assertThat(after.version()).isGreaterThan(doomed.version());
    }

    @Test
    void aCommitMayNotAddressARecordTwice() {
        assertThatThrownBy(() -> store.commit(List.of(
                Write.put("k", "a", bytes("1"), Store.ANY),
                Write.delete("k", "a", Store.ANY))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get("k", "a")).isEmpty();
        assertThat(store.commit(List.of())).isEmpty();
    }

    @Test
    void deleteChecksTheVersionAndRemovesTheRecord() {
        StoredRecord record = store.put("k", "x", bytes("1"), Store.ABSENT);

        assertThatThrownBy(() -> store.delete("k", "x", record.version() + 1)).isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> store.delete("k", "x", Store.ABSENT)).isInstanceOf(VersionConflict.class);
        assertThat(store.get("k", "x")).isPresent();

        store.delete("k", "x", record.version());
        assertThat(store.get("k", "x")).isEmpty();
        assertThat(store.list("k", "")).isEmpty();

        store.delete("k", "x", Store.ANY);
        store.delete("k", "x", Store.ABSENT);
        assertThatThrownBy(() -> store.delete("k", "x", record.version()))
                .isInstanceOfSatisfying(VersionConflict.class,
                        conflict -> assertThat(conflict.actual()).isEqualTo(Store.ABSENT));
    }

    @Test
    void versionsKeepIncreasingAcrossDeleteAndRecreate() {
        StoredRecord first = store.put("k", "x", bytes("1"), Store.ABSENT);
        StoredRecord deleted = store.commit(List.of(Write.delete("k", "x", first.version()))).get(0);
        StoredRecord recreated = store.put("k", "x", bytes("2"), Store.ABSENT);

        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.version()).isGreaterThan(first.version());
        assertThat(recreated.version()).isGreaterThan(deleted.version());
        assertThatThrownBy(() -> store.put("k", "x", bytes("3"), first.version())).isInstanceOf(VersionConflict.class);
    }

    @Test
    void scanAllReturnsEveryLiveRecordByKindThenKey() {
        store.put("b", "2", bytes("b2"), Store.ABSENT);
        store.put("a", "9", bytes("a9"), Store.ABSENT);
        store.put("b", "1", bytes("b1"), Store.ABSENT);
        store.put("a", "gone", bytes("x"), Store.ABSENT);
        store.delete("a", "gone", Store.ANY);

        assertThat(store.scanAll()).extracting(r -> r.kind() + "/" + r.key()).containsExactly("a/9", "b/1", "b/2");
        assertThat(store.scanAll()).extracting(StoreSingleClientContract::text).containsExactly("a9", "b1", "b2");
    }

    @Test
    void clearRemovesTheKindsWithThePrefixOnly() {
        store.put("ecs.cluster", "c", bytes("1"), Store.ABSENT);
        StoredRecord task = store.put("ecs.task", "t", bytes("1"), Store.ABSENT);
        store.put("elb.rule", "r", bytes("1"), Store.ABSENT);
        store.put("ec", "e", bytes("1"), Store.ABSENT);

        store.clear("ecs.");

        assertThat(store.scanAll()).extracting(StoredRecord::kind).containsExactly("ec", "elb.rule");
        StoredRecord recreated = store.put("ecs.task", "t", bytes("2"), Store.ABSENT);
        assertThat(recreated.version()).isGreaterThan(task.version());
        store.clear("ecs.nothing");
        store.clear("");
        assertThat(store.scanAll()).isEmpty();
    }

    @Test
    void watchDeliversCommittedChangesOfMatchingKindsInCommitOrder() throws InterruptedException {
        BlockingQueue<Change> seen = new LinkedBlockingQueue<>();
        try (Subscription ignored = store.watch("ecs.", seen::add)) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String kind = i % 2 == 0 ? "ecs.task" : "ecs.service";
                store.put(kind, "k" + i, bytes("v" + i), Store.ABSENT);
                store.put("elb.rule", "k" + i, bytes("ignored"), Store.ABSENT);
                expected.add(kind + "/k" + i + "=v" + i);
            }
            List<String> delivered = new ArrayList<>();
            long lastVersion = 0;
            for (int i = 0; i < expected.size(); i++) {
                Change change = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(change).as("change %d", i).isNotNull();
                assertThat(change.record().version()).isGreaterThan(lastVersion);
                lastVersion = change.record().version();
                delivered.add(change.record().kind() + "/" + change.record().key() + "=" + text(change.record()));
            }
            assertThat(delivered).containsExactlyElementsOf(expected);

            StoredRecord k0 = store.get("ecs.task", "k0").orElseThrow();
            store.delete("ecs.task", "k0", k0.version());
            Change deletion = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(deletion).isNotNull();
            assertThat(deletion.record().deleted()).isTrue();
            assertThat(deletion.record().key()).isEqualTo("k0");
            assertThat(deletion.record().version()).isGreaterThan(k0.version());

            store.clear("ecs.service");
            List<String> cleared = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Change change = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(change).isNotNull();
                assertThat(change.record().deleted()).isTrue();
                cleared.add(change.record().key());
            }
            assertThat(cleared).containsExactlyInAnyOrder("k1", "k3", "k5", "k7", "k9", "k11", "k13", "k15", "k17", "k19");
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void watchKindLeavesOutKindsItIsThePrefixOf() throws InterruptedException {
        BlockingQueue<Change> seen = new LinkedBlockingQueue<>();
        try (Subscription ignored = store.watchKind("ecs.task", seen::add)) {
            store.put("ecs.taskdef", "d1", bytes("definition"), Store.ABSENT);
            store.put("ecs.task", "t1", bytes("task"), Store.ABSENT);
            Change change = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.record().kind() + "/" + change.record().key()).isEqualTo("ecs.task/t1");
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aWatcherEventuallySeesTheLatestStateOfARecord() throws InterruptedException {
        BlockingQueue<Change> seen = new LinkedBlockingQueue<>();
        try (Subscription ignored = store.watch("", seen::add)) {
            long version = Store.ABSENT;
            for (int i = 0; i < 10; i++) {
                version = store.put("counter", "c", bytes("v" + i), version).version();
            }
            long lastSeen = 0;
            while (lastSeen != version) {
                Change change = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(change).isNotNull();
                assertThat(change.record().version()).isGreaterThan(lastSeen);
                lastSeen = change.record().version();
            }
        }
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws InterruptedException {
        BlockingQueue<Change> kept = new LinkedBlockingQueue<>();
        BlockingQueue<Change> dropped = new LinkedBlockingQueue<>();
        Subscription keptSubscription = store.watch("k", kept::add);
        Subscription droppedSubscription = store.watch("k", dropped::add);
        store.put("k", "1", bytes("1"), Store.ABSENT);
        assertThat(kept.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(dropped.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();

        droppedSubscription.close();
        store.put("k", "2", bytes("2"), Store.ABSENT);

        assertThat(kept.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(dropped).isEmpty();
        keptSubscription.close();
    }

    @Test
    void aListenerMayCommitToTheStore() throws InterruptedException {
        BlockingQueue<Change> echoes = new LinkedBlockingQueue<>();
        store.watch("ping", change -> store.put("pong", change.record().key(), change.record().value(), Store.ANY));
        store.watch("pong", echoes::add);

        store.put("ping", "1", bytes("hello"), Store.ABSENT);

        Change echo = echoes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(echo).isNotNull();
        assertThat(text(echo.record())).isEqualTo("hello");
    }

    @Test
    void reopeningKeepsRecordsVersionsAndDeletions() {
        StoredRecord kept = store.put("k", "kept", bytes("1"), Store.ABSENT);
        StoredRecord gone = store.put("k", "gone", bytes("2"), Store.ABSENT);
        store.delete("k", "gone", gone.version());
        StoredRecord updated = store.put("k", "kept", bytes("3"), kept.version());

        reopen();

        StoredRecord read = store.get("k", "kept").orElseThrow();
        assertThat(read.version()).isEqualTo(updated.version());
        assertThat(text(read)).isEqualTo("3");
        assertThat(store.get("k", "gone")).isEmpty();
        StoredRecord recreated = store.put("k", "gone", bytes("4"), Store.ABSENT);
        assertThat(recreated.version()).isGreaterThan(updated.version());
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        assertThatThrownBy(() -> store.get("k", "x")).isInstanceOf(StoreFailure.class);
        assertThatThrownBy(() -> store.put("k", "x", bytes("1"), Store.ANY)).isInstanceOf(StoreFailure.class);
        store.close();
    }

    protected static List<String> keys(List<StoredRecord> records) {
        return records.stream().map(StoredRecord::key).toList();
    }
}
