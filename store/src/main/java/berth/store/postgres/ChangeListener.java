package berth.store.postgres;

import berth.store.Change;
import berth.store.ChangeFeed;
import berth.store.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns NOTIFY messages from every process committing to the store's schema into {@link Change}s:
 * one dedicated connection LISTENs; each batch of notices is re-read in one query and published in
 * notification order, which PostgreSQL keeps in commit order. A put whose record has changed again
 * since is skipped: the later change has its own notice, still to come. Deletes need no re-read.
 */
final class ChangeListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long MAX_RECONNECT_DELAY_MILLIS = 5_000;

    private final ConnectionPool pool;
    private final RecordTable table;
    private final ChangeFeed feed;
    private final String threadName;
    private Connection connection;
    private Thread thread;
    private volatile boolean closed;

    ChangeListener(ConnectionPool pool, RecordTable table, ChangeFeed feed, String threadName) {
        this.pool = pool;
        this.table = table;
        this.feed = feed;
        this.threadName = threadName;
    }

    /** Starts listening, once; when this returns, every later commit will be noticed. */
    synchronized void ensureListening() throws SQLException {
        if (thread != null) return;
        connection = listeningConnection();
        thread = Thread.ofPlatform().name(threadName).daemon().start(this::receiveUntilClosed);
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running == null) return;
        try {
            running.join(2L * POLL_MILLIS + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection listeningConnection() throws SQLException {
        Connection listening = pool.openDedicated();
        try (Statement listen = listening.createStatement()) {
            listen.execute(table.listen);
            return listening;
        } catch (SQLException e) {
            listening.close();
            throw e;
        }
    }

    private void receiveUntilClosed() {
        long reconnectDelay = 100;
        while (!closed) {
            try {
                if (connection == null) {
                    connection = listeningConnection();
                    reconnectDelay = 100;
                    log.info("store watch on schema {} reconnected", table.schema);
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null && notifications.length > 0) publish(notifications);
            } catch (SQLException e) {
                if (closed) break;
                log.warn("store watch on schema {} lost its connection; changes until it reconnects are not"
                        + " delivered", table.schema, e);
                closeConnection();
                sleep(reconnectDelay);
                reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MILLIS);
            }
        }
        closeConnection();
    }

    private void publish(PGNotification[] notifications) throws SQLException {
        List<ChangeNotice> notices = new ArrayList<>(notifications.length);
        for (PGNotification notification : notifications) {
            if (!notification.getName().equals(table.channel)) continue;
            ChangeNotice notice;
            try {
                notice = ChangeNotice.parse(notification.getParameter());
            } catch (IllegalArgumentException malformed) {
                log.warn("ignoring a notice on channel {} not sent by a berth store", table.channel, malformed);
                continue;
            }
            if (feed.wanted(notice.kind())) notices.add(notice);
        }
        Map<List<String>, StoredRecord> current = reread(notices);
        List<Change> changes = new ArrayList<>(notices.size());
        for (ChangeNotice notice : notices) {
            if (notice.deleted()) {
                changes.add(new Change(new StoredRecord(notice.kind(), notice.key(), notice.version(), new byte[0], true)));
                continue;
            }
            StoredRecord record = current.get(List.of(notice.kind(), notice.key()));
            if (record != null && record.version() == notice.version()) changes.add(new Change(record));
        }
        feed.publish(changes);
    }

    private Map<List<String>, StoredRecord> reread(List<ChangeNotice> notices) throws SQLException {
        List<ChangeNotice> puts = notices.stream().filter(n -> !n.deleted()).toList();
        Map<List<String>, StoredRecord> records = new HashMap<>();
        if (puts.isEmpty()) return records;
        try (PreparedStatement select = connection.prepareStatement(table.currentRecords)) {
            RecordTransactions.bindAddresses(connection, select,
                    puts.stream().map(ChangeNotice::kind).toArray(String[]::new),
                    puts.stream().map(ChangeNotice::key).toArray(String[]::new));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StoredRecord record = StoredRecord.live(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getBytes(4));
                    records.put(List.of(record.kind(), record.key()), record);
                }
            }
        }
        return records;
    }

    private void closeConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The connection is already broken or being given up.
        }
        connection = null;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }
}
