package berth.store.postgres;

import berth.store.Store;
import berth.store.StoreContract;
import org.junit.jupiter.api.BeforeAll;

class PostgresStoreTest extends StoreContract {
    private static PostgresLocation server;
    private final String schema = TestDatabase.freshSchema("contract");

    @BeforeAll
    static void locateServer() {
        server = TestDatabase.server();
    }

    @Override
    protected Store openStore() {
        return PostgresStore.open(server.withSchema(schema));
    }

    @Override
    protected Store openSecondClient() {
        return PostgresStore.open(server.withSchema(schema));
    }

    @Override
    protected void discardState() {
        TestDatabase.dropSchema(server.withSchema(schema));
    }
}
