package berth.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresLocationTest {

    @Test
    void aPostgresqlUrlBecomesAJdbcUrlWithCredentials() {
        PostgresLocation location = PostgresLocation.parse("postgresql://berth:s%40cret%3A1@db.example:5433/state?schema=ops&poolSize=4&sslmode=require");

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/state?sslmode=require");
        assertThat(location.user()).isEqualTo("berth");
        assertThat(location.password()).isEqualTo("s@cret:1");
        assertThat(location.schema()).isEqualTo("ops");
        assertThat(location.poolSize()).isEqualTo(4);
        assertThat(location.toString()).doesNotContain("cret");
    }

    @Test
    void defaultsApplyWhenTheUrlSaysNothing() {
        PostgresLocation location = PostgresLocation.parse("postgres://localhost/berth");

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/berth");
        assertThat(location.user()).isEmpty();
        assertThat(location.password()).isEmpty();
        assertThat(location.schema()).isEqualTo(PostgresLocation.DEFAULT_SCHEMA);
        assertThat(location.poolSize()).isEqualTo(PostgresLocation.DEFAULT_POOL_SIZE);
    }

    @Test
    void aJdbcUrlKeepsTheDriverParametersAndGivesUpOurs() {
        PostgresLocation location = PostgresLocation.parse(
                "jdbc:postgresql://127.0.0.1:5432/berth?user=u&password=p&schema=s1&connectTimeout=3");

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/berth?connectTimeout=3");
        assertThat(location.user()).isEqualTo("u");
        assertThat(location.password()).isEqualTo("p");
        assertThat(location.schema()).isEqualTo("s1");
    }

    @Test
    void badLocationsAreRejected() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://h/db?schema=drop;table"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://h/db?poolSize=0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresLocation.parse("mysql://u:secret@h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void changeNoticesRoundTripAnyKindAndKey() {
        for (ChangeNotice notice : new ChangeNotice[] {
                new ChangeNotice("ecs.cluster", "a/r/default", 42, false),
                new ChangeNotice("k 1", " spaced key ", 7, true),
                new ChangeNotice("k", "", 1, false)}) {
            assertThat(ChangeNotice.parse(notice.payload())).isEqualTo(notice);
        }
        assertThatThrownBy(() -> ChangeNotice.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrefixRangeEndsAtTheNextCodePoint() {
        assertThat(RecordTable.prefixEnd("a/r/")).contains("a/r0");
        assertThat(RecordTable.prefixEnd("a\uD7FF")).contains("a\uE000");
        assertThat(RecordTable.prefixEnd("a\uFFFF")).contains("a\uD800\uDC00");
        assertThat(RecordTable.prefixEnd("a" + Character.toString(Character.MAX_CODE_POINT))).contains("b");
        assertThat(RecordTable.prefixEnd("")).isEmpty();
    }
}
