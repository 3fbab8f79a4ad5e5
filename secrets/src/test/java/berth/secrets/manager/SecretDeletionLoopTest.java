package berth.secrets.manager;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import berth.secrets.keys.SealingKey;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.state.SecretRecords;
import berth.store.Store;
import berth.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretDeletionLoopTest {
    @TempDir
    Path dir;

    @Test
    void secretsAreDeletedOnlyOnceTheirRecoveryWindowHasPassed() {
        try (Store store = Stores.open("", dir)) {
            SecretRecords records = new SecretRecords(store, new SealingKey(store));
            long day = 86_400_000L;
            records.save(new Secret("1", "r", "due", "arn-due", "", "", List.of(), 0, 0, 0, 1, 7 * day, List.of()), Store.ABSENT);
            records.save(new Secret("1", "r", "later", "arn-later", "", "", List.of(), 0, 0, 0, 1, 30 * day, List.of()), Store.ABSENT);
            records.save(new Secret("1", "r", "live", "arn-live", "", "", List.of(), 0, 0, 0, 0, 0, List.of()), Store.ABSENT);

            Clock eighthDay = Clock.fixed(Instant.ofEpochMilli(8 * day), ZoneOffset.UTC);
            SecretDeletionLoop loop = new SecretDeletionLoop(records, eighthDay, Duration.ofHours(1));
            assertThat(loop.pass()).isEqualTo(1);
            assertThat(records.list(new Scope("1", "r"))).extracting(Secret::name).containsExactly("later", "live");
            assertThat(loop.pass()).isZero();

            Clock monthLater = Clock.fixed(Instant.ofEpochMilli(31 * day), ZoneOffset.UTC);
            assertThat(new SecretDeletionLoop(records, monthLater, Duration.ofHours(1)).pass()).isEqualTo(1);
            assertThat(records.list(new Scope("1", "r"))).extracting(Secret::name).containsExactly("live");
        }
    }
}
