package berth.store.embedded;

import berth.store.Store;
import berth.store.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest extends StoreContract {
    @TempDir
    Path directory;

    @Override
    protected Store openStore() {
        return EmbeddedStore.open(directory);
    }
}
