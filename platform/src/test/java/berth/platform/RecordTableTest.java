package berth.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordTableTest {
    record Item(String owner, String name, int count) {
        Item counted() {
            return new Item(owner, name, count + 1);
        }
    }

    @TempDir
    Path dir;
    Store store;
    RecordTable<Item> items;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir);
        items = new RecordTable<>(store, "test.item", Item.class, i -> i.owner() + "/" + i.name());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void savesWithCompareAndSetAndListsByPrefixInKeyOrder() {
        items.save(new Item("a", "y", 0), Store.ABSENT);
        items.save(new Item("a", "x", 0), Store.ABSENT);
        items.save(new Item("b", "x", 0), Store.ABSENT);
        assertThatThrownBy(() -> items.save(new Item("a", "x", 5), Store.ABSENT)).isInstanceOf(VersionConflict.class);

        assertThat(items.list("a/")).extracting(Item::name).containsExactly("x", "y");
        assertThat(items.listKeyed("a/")).extracting(RecordTable.Keyed::key).containsExactly("a/x", "a/y");
        RecordTable.Versioned<Item> found = items.find("a/x").orElseThrow();
        assertThat(found.value().count()).isZero();

        items.remove("a/x", found.version());
        assertThat(items.find("a/x")).isEmpty();
    }

    @Test
    void updateRereadsAfterAConflictAndWritesAtTheKeyItRead() {
        items.save(new Item("a", "x", 0), Store.ABSENT);
        boolean[] raced = {false};
        items.update("a/x", i -> {
            if (!raced[0]) {
                raced[0] = true;
                items.update("a/x", Item::counted);
            }
            return i.counted();
        });
        assertThat(items.find("a/x").orElseThrow().value().count()).isEqualTo(2);
        assertThat(items.update("a/missing", Item::counted)).isEmpty();
    }

    @Test
    void findLastFindsTheGreatestKeyThatPasses() {
        items.save(new Item("a", "1", 5), Store.ABSENT);
        items.save(new Item("a", "2", 0), Store.ABSENT);
        items.save(new Item("a", "3", 0), Store.ABSENT);
        items.save(new Item("b", "9", 5), Store.ABSENT);

        assertThat(items.findLast("a/", i -> true).orElseThrow().value().name()).isEqualTo("3");
        assertThat(items.findLast("a/", i -> i.count() == 5).orElseThrow().value().name()).isEqualTo("1");
        assertThat(items.findLast("a/", i -> i.count() == 7)).isEmpty();
        assertThat(items.findLast("c/", i -> true)).isEmpty();
    }

    @Test
    void updateIfChangedWritesNothingWhenTheChangeChangesNothing() {
        items.save(new Item("a", "x", 0), Store.ABSENT);
        long version = items.find("a/x").orElseThrow().version();

        assertThat(items.updateIfChanged("a/x", i -> i)).contains(new Item("a", "x", 0));
        assertThat(items.find("a/x").orElseThrow().version()).isEqualTo(version);

        assertThat(items.updateIfChanged("a/x", Item::counted)).contains(new Item("a", "x", 1));
        assertThat(items.find("a/x").orElseThrow().version()).isGreaterThan(version);
        assertThat(items.updateIfChanged("a/missing", Item::counted)).isEmpty();
    }

    @Test
    void aTreeCodecReadsRecordsWrittenByAnotherTable() {
        items.save(new Item("a", "x", 4), Store.ABSENT);
        RecordTable<com.fasterxml.jackson.databind.JsonNode> trees =
                RecordTable.keyedByOwner(store, "test.item", RecordJson.STANDARD.treeCodec());
        assertThat(trees.list("a/")).singleElement().satisfies(t -> assertThat(t.get("count").asInt()).isEqualTo(4));
    }

    @Test
    void recordsKeyedByTheirOwnerAreWrittenAtTheKeyGiven() {
        RecordTable<String> notes = RecordTable.keyedByOwner(store, "test.note", RecordJson.STANDARD.codec(String.class));
        store.commit(List.of(notes.put("a/x:1", "first", Store.ABSENT)));
        assertThat(notes.find("a/x:1").orElseThrow().value()).isEqualTo("first");
        assertThatThrownBy(() -> notes.put("second", Store.ANY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSealedCodecStoresOnlyWhatItsSealWrote() {
        RecordCodec<Item> sealed = RecordJson.STANDARD.codec(Item.class).sealed(RecordTableTest::reversed, RecordTableTest::reversed);
        RecordTable<Item> secret = new RecordTable<>(store, "test.secret", sealed, i -> i.owner() + "/" + i.name());
        secret.save(new Item("a", "x", 3), Store.ABSENT);

        String stored = new String(store.get("test.secret", "a/x").orElseThrow().value(), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("}").doesNotContain("\"owner\"");
        assertThat(secret.find("a/x").orElseThrow().value()).isEqualTo(new Item("a", "x", 3));
    }

    @Test
    void reusedReadsFollowTheStoredVersion() {
        RecordTable<Item> reusing = items.reusingReads(10);
        items.save(new Item("a", "x", 0), Store.ABSENT);
        Item first = reusing.find("a/x").orElseThrow().value();
        assertThat(reusing.find("a/x").orElseThrow().value()).isSameAs(first);

        items.update("a/x", Item::counted);
        assertThat(reusing.find("a/x").orElseThrow().value().count()).isEqualTo(1);
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[bytes.length - 1 - i];
        return out;
    }
}
