package berth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
    @TempDir
    Path home;

    @Test
    void anEmptySpecOpensTheEmbeddedStoreInTheDefaultDirectory() {
        for (String spec : new String[] {"", "  ", "embedded"}) {
            try (Store store = Stores.open(spec, home.resolve("state"))) {
                assertThat(store).isInstanceOf(EmbeddedStore.class);
                assertThat(((EmbeddedStore) store).directory()).isEqualTo(home.resolve("state").toAbsolutePath());
            }
        }
    }

    @Test
    void anEmbeddedSpecMayNameItsDirectory() {
        try (Store store = Stores.open("embedded:" + home.resolve("a"), home.resolve("state"))) {
            assertThat(((EmbeddedStore) store).directory()).isEqualTo(home.resolve("a"));
        }
        try (Store store = Stores.open(home.resolve("b").toUri().toString(), home.resolve("state"))) {
            assertThat(((EmbeddedStore) store).directory()).isEqualTo(home.resolve("b"));
        }
    }

    @Test
    void anUnknownSpecIsRejectedWithoutEchoingCredentials() {
        assertThatThrownBy(() -> Stores.open("mysql://root:secret@db/berth", home))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://")
                .hasMessageNotContaining("secret");
    }

    @Test
    void writesRejectAddressesNoAdapterCanStore() {
        assertThatThrownBy(() -> Write.put("k", "a\0b", new byte[0], Store.ANY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Write.put("k", "a\uD800", new byte[0], Store.ANY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Write.put("k", "x".repeat(Write.MAX_KEY_LENGTH + 1), new byte[0], Store.ANY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Write.put("", "a", new byte[0], Store.ANY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Write.put("k", "\uD83D\uDE00", new byte[0], Store.ANY).key()).isEqualTo("\uD83D\uDE00");
    }
}
