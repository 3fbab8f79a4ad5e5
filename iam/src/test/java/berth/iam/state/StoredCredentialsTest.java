package berth.iam.state;

import berth.aws.SigningKey;
import berth.iam.core.RoleSession;
import berth.iam.core.User;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StoredCredentialsTest {
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path directory;
    private Store store;
    private IamRecords iam;
    private SessionRecords sessions;
    private StoredCredentials credentials;
    private final AtomicInteger commits = new AtomicInteger();

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(directory);
        Runnable changed = () -> {
            commits.incrementAndGet();
            if (credentials != null) credentials.invalidate();
        };
        iam = new IamRecords(store, changed);
        sessions = new SessionRecords(store, changed);
        credentials = new StoredCredentials(iam, sessions);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private User alice(boolean active) {
        return new User("111122223333", "alice", "/team/", "AIDAEXAMPLEEXAMPLE12", CREATED, Map.of(), Map.of(), List.of(),
                List.of(new User.AccessKey("AKIAEXAMPLEEXAMPLE01", "secret", active, CREATED)), "");
    }

    @Test
    void activeUserKeySignsAsTheUser() {
        iam.putUser(alice(true), Store.ABSENT, List.of());
        SigningKey key = credentials.find("AKIAEXAMPLEEXAMPLE01").orElseThrow();
        assertThat(key.secretAccessKey()).isEqualTo("secret");
        assertThat(key.sessionToken()).isEmpty();
        assertThat(key.expiresAtEpochMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(key.identity().arn()).isEqualTo("arn:aws:iam::111122223333:user/team/alice");
        assertThat(key.identity().userId()).isEqualTo("AIDAEXAMPLEEXAMPLE12");
        assertThat(key.identity().root()).isFalse();
    }

    @Test
    void deactivatingOrDeletingAKeyTakesEffectAtOnce() {
        iam.putUser(alice(true), Store.ABSENT, List.of());
        assertThat(credentials.find("AKIAEXAMPLEEXAMPLE01")).isPresent();
        var stored = iam.user("111122223333", "ALICE").orElseThrow();
        iam.putUser(alice(false), stored.version(), stored.value().accessKeys());
        assertThat(credentials.find("AKIAEXAMPLEEXAMPLE01")).isEmpty();

        stored = iam.user("111122223333", "alice").orElseThrow();
        iam.putUser(alice(true).withAccessKeys(List.of()), stored.version(), stored.value().accessKeys());
        assertThat(iam.keyOwner("AKIAEXAMPLEEXAMPLE01")).isEmpty();
        assertThat(credentials.find("AKIAEXAMPLEEXAMPLE01")).isEmpty();
    }

    @Test
    void aRenamedUsersKeySignsUnderItsNewNameAndTheOldNameIsGone() {
        iam.putUser(alice(true), Store.ABSENT, List.of());
        credentials.find("AKIAEXAMPLEEXAMPLE01").orElseThrow();
        var stored = iam.user("111122223333", "alice").orElseThrow();
        iam.renameUser(stored.value(), stored.version(), stored.value().renamed("alicia", "/ops/"));
        assertThat(iam.user("111122223333", "alice")).isEmpty();
        assertThat(iam.keyOwner("AKIAEXAMPLEEXAMPLE01")).contains(new IamRecords.KeyOwner("111122223333", "alicia"));
        SigningKey key = credentials.find("AKIAEXAMPLEEXAMPLE01").orElseThrow();
        assertThat(key.identity().arn()).isEqualTo("arn:aws:iam::111122223333:user/ops/alicia");
        assertThat(key.identity().userId()).isEqualTo("AIDAEXAMPLEEXAMPLE12");
    }

    @Test
    void cachedLookupsDoNotReadTheStoreAgain() {
        iam.putUser(alice(true), Store.ABSENT, List.of());
        credentials.find("AKIAEXAMPLEEXAMPLE01").orElseThrow();
        store.clear("iam.");
        // nothing told this cache about the clear: it still answers from memory
        assertThat(credentials.find("AKIAEXAMPLEEXAMPLE01")).isPresent();
        credentials.invalidate();
        assertThat(credentials.find("AKIAEXAMPLEEXAMPLE01")).isEmpty();
    }

    @Test
    void sessionKeysCarryTokenAndExpiry() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        sessions.create(new RoleSession("ASIAEXAMPLEEXAMPLE01", "s3cret", "token", CREATED, expiry, "111122223333", "builder",
                "/", "AROAEXAMPLEEXAMPLE123", "ci", false, List.of(), Map.of(), List.of(), "", false));
        SigningKey key = credentials.find("ASIAEXAMPLEEXAMPLE01").orElseThrow();
        assertThat(key.sessionToken()).isEqualTo("token");
        assertThat(key.expiresAtEpochMillis()).isEqualTo(expiry.toEpochMilli());
        assertThat(key.identity().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/builder/ci");
        assertThat(key.identity().userId()).isEqualTo("AROAEXAMPLEEXAMPLE123:ci");

        assertThat(sessions.deleteExpiredBefore(Instant.parse("2029-01-01T00:00:00Z"))).isZero();
        assertThat(sessions.deleteExpiredBefore(Instant.parse("2031-01-01T00:00:00Z"))).isEqualTo(1);
        assertThat(credentials.find("ASIAEXAMPLEEXAMPLE01")).isEmpty();
    }

    @Test
    void otherKeyShapesAreNotLookedUp() {
        int before = commits.get();
        assertThat(credentials.find("test")).isEmpty();
        assertThat(credentials.find("AKIAUNKNOWNUNKNOWN01")).isEmpty();
        assertThat(commits.get()).isEqualTo(before);
    }
}
