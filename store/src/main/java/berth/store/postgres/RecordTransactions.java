package berth.store.postgres;

import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.VersionConflict;
import berth.store.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write transactions of the PostgreSQL store. Each first takes a transaction-scoped advisory
 * lock per record address (in sorted order, so committers never deadlock), then reads the current
 * versions, checks them, draws the commit's version from the sequence and writes. Advisory locks,
 * unlike row locks, also cover records that do not exist yet; and because the version is drawn
 * while holding the lock, a record's versions increase in commit order even across a delete and
 * re-create by concurrent committers in other processes.
 */
final class RecordTransactions {
    /** The database connection broke while COMMIT was in flight: it may or may not have committed. */
    static final class OutcomeUnknown extends SQLException {
        OutcomeUnknown(SQLException cause) {
            super("connection failed while committing; the outcome is unknown", cause.getSQLState(), cause);
        }
    }

    private record Address(String kind, String key) {}

    private final RecordTable table;

    RecordTransactions(RecordTable table) {
        this.table = table;
    }

    List<StoredRecord> commit(Connection connection, List<Write> writes) throws SQLException {
        connection.setAutoCommit(false);
        List<Address> addresses = writes.stream().map(w -> new Address(w.kind(), w.key())).toList();
        lock(connection, addresses);
        Map<Address, Long> current = currentVersions(connection, addresses);
        boolean changesSomething = false;
        for (Write write : writes) {
            long actual = current.getOrDefault(new Address(write.kind(), write.key()), Store.ABSENT);
            if (write.expectedVersion() != Store.ANY && write.expectedVersion() != actual) {
                throw new VersionConflict(write.kind(), write.key(), write.expectedVersion(), actual);
            }
            changesSomething |= !write.isDelete() || actual != Store.ABSENT;
        }
        if (!changesSomething) {
            connection.rollback();
            return writes.stream().map(w -> deleted(w.kind(), w.key(), Store.ABSENT)).toList();
        }
        long version = nextVersion(connection);
        List<StoredRecord> results = new ArrayList<>(writes.size());
        try (PreparedStatement upsert = connection.prepareStatement(table.upsert);
                PreparedStatement delete = connection.prepareStatement(table.delete)) {
            for (Write write : writes) {
                if (write.isDelete()) {
                    boolean existed = current.containsKey(new Address(write.kind(), write.key()));
                    if (existed) {
                        delete.setString(1, write.kind());
                        delete.setString(2, write.key());
                        delete.addBatch();
                    }
                    results.add(deleted(write.kind(), write.key(), existed ? version : Store.ABSENT));
                } else {
                    byte[] value = write.value().clone();
                    upsert.setString(1, write.kind());
                    upsert.setString(2, write.key());
                    upsert.setLong(3, version);
                    upsert.setBytes(4, value);
                    upsert.addBatch();
                    results.add(StoredRecord.live(write.kind(), write.key(), version, value));
                }
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
        notifyChanges(connection, results.stream().filter(r -> r.version() != Store.ABSENT).toList());
        commitOrUnknown(connection);
        return results;
    }

    /** Deletes every record whose kind starts with {@code kindPrefix}, as one commit. */
    void clear(Connection connection, String kindPrefix) throws SQLException {
        connection.setAutoCommit(false);
        Optional<String> end = RecordTable.prefixEnd(kindPrefix);
        List<Address> matching = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                end.isPresent() ? table.addressesOfKindsRange : table.addressesOfKindsFrom)) {
            select.setString(1, kindPrefix);
            if (end.isPresent()) select.setString(2, end.get());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) matching.add(new Address(rows.getString(1), rows.getString(2)));
            }
        }
        if (matching.isEmpty()) return;
        lock(connection, matching);
        List<Address> removed = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement(table.deleteAddresses)) {
            bindAddresses(connection, delete, matching);
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) removed.add(new Address(rows.getString(1), rows.getString(2)));
            }
        }
        if (removed.isEmpty()) return;
        long version = nextVersion(connection);
        notifyChanges(connection, removed.stream().map(a -> deleted(a.kind(), a.key(), version)).toList());
        commitOrUnknown(connection);
    }

    private void lock(Connection connection, List<Address> addresses) throws SQLException {
        Long[] ids = addresses.stream().map(a -> table.lockId(a.kind(), a.key())).distinct().sorted().toArray(Long[]::new);
        try (PreparedStatement lock = connection.prepareStatement(table.lockAddresses)) {
            lock.setArray(1, connection.createArrayOf("bigint", ids));
            lock.executeQuery().close();
        }
    }

    private Map<Address, Long> currentVersions(Connection connection, List<Address> addresses) throws SQLException {
        Map<Address, Long> versions = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(table.currentVersions)) {
            bindAddresses(connection, select, addresses);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) versions.put(new Address(rows.getString(1), rows.getString(2)), rows.getLong(3));
            }
        }
        return versions;
    }

    private long nextVersion(Connection connection) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement(table.nextVersion);
                ResultSet row = next.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void notifyChanges(Connection connection, List<StoredRecord> changes) throws SQLException {
        if (changes.isEmpty()) return;
        String[] payloads = changes.stream()
                .map(r -> new ChangeNotice(r.kind(), r.key(), r.version(), r.deleted()).payload())
                .toArray(String[]::new);
        try (PreparedStatement notify = connection.prepareStatement(table.notify)) {
            notify.setString(1, table.channel);
            notify.setArray(2, connection.createArrayOf("text", payloads));
            notify.executeQuery().close();
        }
    }

    private static void commitOrUnknown(Connection connection) throws SQLException {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new OutcomeUnknown(e);
        }
    }

    /** Binds parameters 1 and 2 of an {@code unnest(?::text[], ?::text[])} address list. */
    static void bindAddresses(Connection connection, PreparedStatement statement, String[] kinds, String[] keys)
            throws SQLException {
        statement.setArray(1, connection.createArrayOf("text", kinds));
        statement.setArray(2, connection.createArrayOf("text", keys));
    }

    private static void bindAddresses(Connection connection, PreparedStatement statement, List<Address> addresses)
            throws SQLException {
        bindAddresses(connection, statement, addresses.stream().map(Address::kind).toArray(String[]::new),
                addresses.stream().map(Address::key).toArray(String[]::new));
    }

    private static StoredRecord deleted(String kind, String key, long version) {
        return new StoredRecord(kind, key, version, new byte[0], true);
    }
}
