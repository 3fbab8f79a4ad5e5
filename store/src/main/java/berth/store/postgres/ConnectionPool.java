package berth.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code poolSize} connections for reads and commits. A connection that saw an
 * {@link SQLException} is closed rather than reused (it may be broken, or mid-transaction), so a
 * lost server costs one failed call per pooled connection and then heals.
 */
final class ConnectionPool implements AutoCloseable {
    /** Work on a borrowed connection; it may leave a transaction open only by throwing. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final long BORROW_TIMEOUT_SECONDS = 60;

    private final PostgresLocation location;
    private final Properties properties = new Properties();
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(PostgresLocation location, String applicationName) {
        this.location = location;
        this.permits = new Semaphore(location.poolSize(), true);
        if (!location.user().isEmpty()) properties.setProperty("user", location.user());
        if (!location.password().isEmpty()) properties.setProperty("password", location.password());
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
    }

    /** A new connection outside the pool, for a long-lived use such as LISTEN. */
    Connection openDedicated() throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), properties);
    }

    <T> T use(Work<T> work) throws SQLException {
        Connection connection = borrow();
        boolean reusable = false;
        try {
            T result = work.run(connection);
            reusable = endTransaction(connection);
            return result;
        } catch (RuntimeException e) {
            reusable = endTransaction(connection);
            throw e;
        } finally {
            release(connection, reusable);
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private Connection borrow() throws SQLException {
        if (closed) throw new SQLException("store connection pool is closed", "08003");
        try {
            if (!permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free after " + BORROW_TIMEOUT_SECONDS + " s", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", "08001", e);
        }
        Connection pooled = idle.poll();
        if (pooled != null) return pooled;
        try {
            return openDedicated();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void release(Connection connection, boolean reusable) {
        if (reusable && !closed) {
            idle.push(connection);
        } else {
            closeQuietly(connection);
        }
        permits.release();
    }

    /** Rolls back whatever the work left open and restores auto-commit; false if the connection is unusable. */
    private static boolean endTransaction(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // A broken connection is being dropped; there is nothing to save.
        }
    }
}
