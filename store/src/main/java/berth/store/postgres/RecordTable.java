package berth.store.postgres;

import java.util.Optional;

/**
 * The SQL of one store: its table, version sequence and notification channel, all named after its
 * schema so that stores in different schemas of one database never see each other.
 *
 * <p>Kind and key are {@code COLLATE "C"}: byte order of UTF-8, which is code point order, the order
 * every adapter lists in; it also lets key-prefix ranges use the primary key index.
 */
final class RecordTable {
    final String schema;
    /** The LISTEN/NOTIFY channel (case-sensitive: it is quoted in LISTEN). */
    final String channel;
    final String createSchema;
    final String createTable;
    final String createSequence;
    final String get;
    final String listFrom;
    final String listRange;
    final String scanAll;
    final String addressesOfKindsFrom;
    final String addressesOfKindsRange;
    final String lockAddresses;
    final String currentVersions;
    final String currentRecords;
    final String nextVersion;
    final String upsert;
    final String delete;
    final String deleteAddresses;
    final String notify;
    final String listen;

    RecordTable(String schema) {
        this.schema = schema;
        this.channel = "berth." + schema;
        String s = "\"" + schema + "\"";
        String table = s + ".berth_record";
        String sequence = s + ".berth_record_version";
        String addressIn = "(kind, key) IN (SELECT * FROM unnest(?::text[], ?::text[]))";
        createSchema = "CREATE SCHEMA IF NOT EXISTS " + s;
        createTable = "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "kind text COLLATE \"C\" NOT NULL, key text COLLATE \"C\" NOT NULL, "
                + "version bigint NOT NULL, value bytea NOT NULL, PRIMARY KEY (kind, key))";
        createSequence = "CREATE SEQUENCE IF NOT EXISTS " + sequence;
        get = "SELECT version, value FROM " + table + " WHERE kind = ? AND key = ?";
        listFrom = "SELECT key, version, value FROM " + table + " WHERE kind = ? AND key >= ? ORDER BY key";
        listRange = "SELECT key, version, value FROM " + table + " WHERE kind = ? AND key >= ? AND key < ? ORDER BY key";
        scanAll = "SELECT kind, key, version, value FROM " + table + " ORDER BY kind, key";
        addressesOfKindsFrom = "SELECT kind, key FROM " + table + " WHERE kind >= ?";
        addressesOfKindsRange = "SELECT kind, key FROM " + table + " WHERE kind >= ? AND kind < ?";
        // The array comes sorted: locks are taken in one global order, so committers never deadlock.
        lockAddresses = "SELECT count(pg_advisory_xact_lock(h)) FROM unnest(?::bigint[]) AS h";
        currentVersions = "SELECT kind, key, version FROM " + table + " WHERE " + addressIn;
        currentRecords = "SELECT kind, key, version, value FROM " + table + " WHERE " + addressIn;
        nextVersion = "SELECT nextval('" + sequence + "')";
        upsert = "INSERT INTO " + table + " (kind, key, version, value) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version, value = excluded.value";
        delete = "DELETE FROM " + table + " WHERE kind = ? AND key = ?";
        deleteAddresses = "DELETE FROM " + table + " WHERE " + addressIn + " RETURNING kind, key";
        notify = "SELECT count(pg_notify(?, n)) FROM unnest(?::text[]) AS n";
        listen = "LISTEN \"" + channel + "\"";
    }

    /**
     * The least string above every string that starts with {@code prefix} in code point order, or
     * empty when there is none (empty prefix, or only U+10FFFF code points).
     */
    static Optional<String> prefixEnd(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            int next = codePoints[i] + 1;
            if (next == Character.MIN_SURROGATE) next = Character.MAX_SURROGATE + 1;
            if (next <= Character.MAX_CODE_POINT) {
                codePoints[i] = next;
                return Optional.of(new String(codePoints, 0, i + 1));
            }
        }
        return Optional.empty();
    }

    /** The advisory lock id of a record address: FNV-1a over schema, kind and key. */
    long lockId(String kind, String key) {
        long hash = 0xcbf29ce484222325L;
        hash = fnv(hash, schema);
        hash = fnv(hash, "\0" + kind + "\0");
        return fnv(hash, key);
    }

    private static long fnv(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
