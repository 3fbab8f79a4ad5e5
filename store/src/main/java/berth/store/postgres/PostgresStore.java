package berth.store.postgres;

import berth.store.Change;
import berth.store.ChangeFeed;
import berth.store.Store;
import berth.store.StoreFailure;
import berth.store.StoredRecord;
import berth.store.Subscription;
import berth.store.VersionConflict;
import berth.store.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link Store} in PostgreSQL, shared by any number of berth processes: one table
 * {@code berth_record(kind, key, version, value)} and one version sequence in the location's schema
 * (created on open if missing), commits as single transactions (see {@link RecordTransactions}),
 * and changes announced with NOTIFY so that watchers in every process see them
 * (see {@link ChangeListener}). A lost connection fails the call with {@link StoreFailure}; the
 * transaction it was in is rolled back by the server, so no commit is ever half written.
 */
public final class PostgresStore implements Store {
    private final PostgresLocation location;
    private final RecordTable table;
    private final ConnectionPool pool;
    private final RecordTransactions transactions;
    private final ChangeFeed feed;
    private final ChangeListener listener;
    private volatile boolean closed;

    private PostgresStore(PostgresLocation location, ConnectionPool pool) {
        this.location = location;
        this.table = new RecordTable(location.schema());
        this.pool = pool;
        this.transactions = new RecordTransactions(table);
        this.feed = new ChangeFeed("berth-store-watch " + location.schema());
        this.listener = new ChangeListener(pool, table, feed, "berth-store-listen " + location.schema());
    }

    /** Opens the store at a {@code postgresql://} or {@code jdbc:postgresql:} URL (see {@link PostgresLocation#parse}). */
    public static PostgresStore open(String url) {
        return open(PostgresLocation.parse(url));
    }

    /** Connects and creates the schema, table and sequence if missing. */
    public static PostgresStore open(PostgresLocation location) {
        ConnectionPool pool = new ConnectionPool(location, applicationName(location));
        PostgresStore store = new PostgresStore(location, pool);
        try {
            pool.use(store::createSchema);
            return store;
        } catch (SQLException e) {
            pool.close();
            throw new StoreFailure("cannot open PostgreSQL store at " + location + ": " + e.getMessage(), e);
        }
    }

    /** How the store's connections name themselves in {@code pg_stat_activity}. */
    public static String applicationName(PostgresLocation location) {
        return "berth-store " + location.schema();
    }

    public PostgresLocation location() {
        return location;
    }

    @Override
    public Optional<StoredRecord> get(String kind, String key) {
        return read("get " + kind + "/" + key, connection -> {
            try (PreparedStatement select = connection.prepareStatement(table.get)) {
                select.setString(1, kind);
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) return Optional.empty();
                    return Optional.of(StoredRecord.live(kind, key, row.getLong(1), row.getBytes(2)));
                }
            }
        });
    }

    @Override
    public List<StoredRecord> list(String kind, String keyPrefix) {
        Optional<String> end = RecordTable.prefixEnd(keyPrefix);
        return read("list " + kind + "/" + keyPrefix, connection -> {
            try (PreparedStatement select = connection.prepareStatement(end.isPresent() ? table.listRange : table.listFrom)) {
                select.setString(1, kind);
                select.setString(2, keyPrefix);
                if (end.isPresent()) select.setString(3, end.get());
                List<StoredRecord> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(StoredRecord.live(kind, rows.getString(1), rows.getLong(2), rows.getBytes(3)));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public List<StoredRecord> scanAll() {
        return read("scan", connection -> {
            List<StoredRecord> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(table.scanAll);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(StoredRecord.live(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getBytes(4)));
                }
            }
            return found;
        });
    }

    @Override
    public List<StoredRecord> commit(List<Write> writes) throws VersionConflict {
        requireOpen();
        if (writes.isEmpty()) return List.of();
        Set<List<String>> addresses = new HashSet<>();
        for (Write write : writes) {
            if (!addresses.add(List.of(write.kind(), write.key()))) {
                throw new IllegalArgumentException("commit addresses " + write.kind() + "/" + write.key() + " twice");
            }
        }
        List<Write> copied = List.copyOf(writes);
        return write("commit", connection -> transactions.commit(connection, copied));
    }

    @Override
    public void clear(String kindPrefix) {
        requireOpen();
        write("clear " + kindPrefix, connection -> {
            transactions.clear(connection, kindPrefix);
            return null;
        });
    }

    @Override
    public Subscription watch(String kindPrefix, Consumer<Change> listener) {
        requireOpen();
        try {
            this.listener.ensureListening();
        } catch (SQLException e) {
            throw new StoreFailure("cannot listen for changes in schema " + location.schema() + ": " + e.getMessage(), e);
        }
        return feed.subscribe(kindPrefix, listener);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        listener.close();
        feed.close();
        pool.close();
    }

    private Void createSchema(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement ddl = connection.createStatement()) {
            // Serializes stores opening the same schema at once: concurrent CREATE ... IF NOT EXISTS can collide.
            ddl.execute("SELECT pg_advisory_xact_lock(" + table.lockId("", "") + ")");
            if (!schemaExists(connection)) ddl.execute(table.createSchema);
            ddl.execute(table.createTable);
            ddl.execute(table.createSequence);
        }
        connection.commit();
        return null;
    }

    /** Looked up first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists. */
    private boolean schemaExists(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            select.setString(1, location.schema());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** A read is retried once on a fresh connection when its connection turned out broken. */
    private <T> T read(String what, ConnectionPool.Work<T> work) {
        requireOpen();
        try {
            return pool.use(work);
        } catch (SQLException first) {
            if (!isConnectionFailure(first)) throw failure(what, first);
            try {
                return pool.use(work);
            } catch (SQLException second) {
                second.addSuppressed(first);
                throw failure(what, second);
            }
        }
    }

    private <T> T write(String what, ConnectionPool.Work<T> work) {
        try {
            return pool.use(work);
        } catch (RecordTransactions.OutcomeUnknown e) {
            throw new StoreFailure("PostgreSQL store " + location.schema() + ": " + what
                    + " failed while committing; the outcome is unknown (whole or nothing): " + e.getCause().getMessage(), e);
        } catch (SQLException e) {
            throw failure(what + " (nothing was written)", e);
        }
    }

    private StoreFailure failure(String what, SQLException e) {
        return new StoreFailure("PostgreSQL store " + location.schema() + ": " + what + " failed: " + e.getMessage(), e);
    }

    /** SQLSTATE class 08 (connection exception) or 57P (the server terminated the backend). */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private void requireOpen() {
        if (closed) throw new StoreFailure("PostgreSQL store " + location.schema() + " is closed");
    }
}
