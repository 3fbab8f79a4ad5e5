package berth.store.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.store.Change;
import berth.store.Store;
import berth.store.StoreFailure;
import berth.store.Stores;
import berth.store.Subscription;
import berth.store.Write;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL store's life with a real server: opening by URL, and losing connections. */
class PostgresStoreConnectionTest {
    private static PostgresLocation server;
    private final PostgresLocation location = server.withSchema(TestDatabase.freshSchema("connection"));

    @BeforeAll
    static void locateServer() {
        server = TestDatabase.server();
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(location);
    }

    @Test
    void theFactoryOpensAPostgresStoreByUrlAndCreatesItsSchema(@TempDir Path defaultDirectory) throws SQLException {
        String url = System.getenv("BERTH_TEST_PG_URL");
        String separator = url.contains("?") ? "&" : "?";
        try (Store store = Stores.open(url + separator + "schema=" + location.schema(), defaultDirectory)) {
            assertThat(store).isInstanceOf(PostgresStore.class);
            store.put("k", "a", bytes("1"), Store.ABSENT);
        }
        try (Connection connection = TestDatabase.connect(location);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM \"" + location.schema() + "\".berth_record")) {
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aLostConnectionFailsOneCommitWithoutWritingAndThenHeals() throws SQLException {
        try (Store store = PostgresStore.open(location)) {
            store.put("k", "a", bytes("1"), Store.ABSENT);
            terminateBackends(false);

            assertThatThrownBy(() -> store.put("k", "b", bytes("2"), Store.ABSENT))
                    .isInstanceOf(StoreFailure.class)
                    .hasMessageContaining("nothing was written");
            assertThat(store.get("k", "b")).isEmpty();
            store.put("k", "b", bytes("2"), Store.ABSENT);
            assertThat(store.list("k", "")).hasSize(2);
        }
    }

    @Test
    void aReadRetriesOnceOnAFreshConnection() throws SQLException {
        try (Store store = PostgresStore.open(location)) {
            store.put("k", "a", bytes("1"), Store.ABSENT);
            terminateBackends(false);

            assertThat(store.get("k", "a")).isPresent();
        }
    }

    @Test
    void aConnectionLostInTheMiddleOfACommitLeavesNothingHalfWritten() throws Exception {
        try (Store store = PostgresStore.open(location);
                Connection blocker = TestDatabase.connect(location)) {
            long bVersion = store.put("k", "b", bytes("old"), Store.ABSENT).version();
            blocker.setAutoCommit(false);
            try (Statement lockRow = blocker.createStatement()) {
                lockRow.execute("SELECT * FROM \"" + location.schema() + "\".berth_record WHERE key = 'b' FOR UPDATE");
            }
            CompletableFuture<Object> commit = CompletableFuture.supplyAsync(() -> store.commit(List.of(
                    Write.put("k", "a", bytes("new"), Store.ABSENT),
                    Write.put("k", "b", bytes("new"), bVersion))));
            awaitBackendWaitingForLock();
            terminateBackends(true);
            blocker.rollback();

            assertThatThrownBy(() -> commit.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreFailure.class);
            assertThat(store.get("k", "a")).isEmpty();
            assertThat(new String(store.get("k", "b").orElseThrow().value(), UTF_8)).isEqualTo("old");
        }
    }

    @Test
    void aWatchReconnectsAfterLosingItsConnection() throws Exception {
        try (Store store = PostgresStore.open(location)) {
            BlockingQueue<Change> seen = new LinkedBlockingQueue<>();
            try (Subscription ignored = store.watch("k", seen::add)) {
                store.put("k", "before", bytes("1"), Store.ABSENT);
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isNotNull();
                terminateBackends(false);
                // Changes while the watch reconnects are not delivered; keep writing until one is.
                Change after = null;
                for (int i = 0; i < 50 && after == null; i++) {
                    try {
                        store.put("k", "after" + i, bytes("2"), Store.ABSENT);
                    } catch (StoreFailure pooledConnectionWasKilled) {
                        continue;
                    }
                    after = seen.poll(200, TimeUnit.MILLISECONDS);
                }
                assertThat(after).isNotNull();
                assertThat(after.record().key()).startsWith("after");
            }
        }
    }

    private void terminateBackends(boolean onlyActive) throws SQLException {
        try (Connection admin = TestDatabase.connect(location);
                PreparedStatement terminate = admin.prepareStatement(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?"
                                + (onlyActive ? " AND state = 'active'" : ""))) {
            terminate.setString(1, PostgresStore.applicationName(location));
            try (ResultSet row = terminate.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).as("backends terminated").isPositive();
            }
        }
    }

    private void awaitBackendWaitingForLock() throws Exception {
        try (Connection admin = TestDatabase.connect(location);
                PreparedStatement waiting = admin.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND wait_event_type = 'Lock'")) {
            waiting.setString(1, PostgresStore.applicationName(location));
            for (int attempt = 0; attempt < 200; attempt++) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) > 0) return;
                }
                Thread.sleep(25);
            }
        }
        throw new AssertionError("the commit never waited for the locked row");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
