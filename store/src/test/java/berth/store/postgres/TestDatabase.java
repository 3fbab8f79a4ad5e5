package berth.store.postgres;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use, named by {@code BERTH_TEST_PG_URL}
 * (e.g. {@code postgresql://berth:berth@127.0.0.1:5432/berth_test}). Without it the tests fail,
 * because CI always provides one; {@code BERTH_TEST_PG_OPTIONAL=1} lets them be skipped instead.
 * Each test works in a schema of its own, dropped afterwards.
 */
public final class TestDatabase {
    private TestDatabase() {}

    public static PostgresLocation server() {
        String url = System.getenv("BERTH_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv("BERTH_TEST_PG_OPTIONAL"))) {
                Assumptions.abort("BERTH_TEST_PG_URL is not set and BERTH_TEST_PG_OPTIONAL=1");
            }
            fail("BERTH_TEST_PG_URL is not set: point it at a PostgreSQL server"
                    + " (e.g. postgresql://berth:berth@127.0.0.1:5432/berth_test), or set BERTH_TEST_PG_OPTIONAL=1 to skip");
        }
        return PostgresLocation.parse(url);
    }

    /** A schema name no other test run uses. */
    public static String freshSchema(String purpose) {
        return "berth_test_" + purpose + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    }

    public static Connection connect(PostgresLocation location) throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
    }

    public static void dropSchema(PostgresLocation location) {
        try (Connection connection = connect(location); Statement drop = connection.createStatement()) {
            drop.execute("DROP SCHEMA IF EXISTS \"" + location.schema() + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + location.schema(), e);
        }
    }
}
