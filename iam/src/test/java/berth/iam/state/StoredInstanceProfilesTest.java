package berth.iam.state;

import berth.iam.InstanceProfiles;
import berth.iam.core.InstanceProfile;
import berth.iam.core.Role;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredInstanceProfilesTest {
    private static final String ACCOUNT = "111122223333";
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final String PROFILE_ARN = "arn:aws:iam::111122223333:instance-profile/web/frontend";

    @TempDir
    Path directory;
    private Store store;
    private IamRecords iam;
    private InstanceProfiles profiles;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(directory);
        iam = new IamRecords(store, () -> { });
        profiles = new StoredInstanceProfiles(iam);
        iam.putRole(new Role(ACCOUNT, "WebServer", "/apps/", "AROAEXAMPLEEXAMPLE123", CREATED, "{}", "", 3600, Map.of(),
                Map.of(), List.of(), ""), Store.ABSENT);
        iam.putInstanceProfile(new InstanceProfile(ACCOUNT, "frontend", "/web/", "AIPAEXAMPLEEXAMPLE123", CREATED, List.of(),
                Map.of()), Store.ABSENT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aProfileIsFoundByNameOrByItsExactArnInItsOwnAccount() {
        assertThat(profiles.find(ACCOUNT, "FRONTEND")).hasValueSatisfying(p -> {
            assertThat(p.arn()).isEqualTo(PROFILE_ARN);
            assertThat(p.instanceProfileId()).isEqualTo("AIPAEXAMPLEEXAMPLE123");
            assertThat(p.roleArns()).isEmpty();
        });
        assertThat(profiles.find(ACCOUNT, PROFILE_ARN)).isPresent();
        assertThat(profiles.find(ACCOUNT, "arn:aws:iam::111122223333:instance-profile/frontend")).isEmpty();
        assertThat(profiles.find("444455556666", PROFILE_ARN)).isEmpty();
        assertThat(profiles.find(ACCOUNT, "arn:aws:iam::111122223333:role/web/frontend")).isEmpty();
        assertThat(profiles.find(ACCOUNT, "backend")).isEmpty();
    }

    @Test
    void theRoleAProfileHoldsIsNamedByItsCurrentArn() {
        var role = iam.role(ACCOUNT, "webserver").orElseThrow();
        var profile = iam.instanceProfile(ACCOUNT, "frontend").orElseThrow();
        iam.putInstanceProfileHolding(profile.value().withRoles(List.of("WebServer")), profile.version(), role);
        assertThat(profiles.find(ACCOUNT, PROFILE_ARN).orElseThrow().roleArns())
                .containsExactly("arn:aws:iam::111122223333:role/apps/WebServer");
    }

    @Test
    void addingARoleRewritesTheRoleSoADeleteThatReadItBeforeFails() {
        var role = iam.role(ACCOUNT, "webserver").orElseThrow();
        var profile = iam.instanceProfile(ACCOUNT, "frontend").orElseThrow();
        iam.putInstanceProfileHolding(profile.value().withRoles(List.of("WebServer")), profile.version(), role);
        assertThatThrownBy(() -> iam.deleteRole(role.value(), role.version())).isInstanceOf(VersionConflict.class);
        var stale = iam.instanceProfile(ACCOUNT, "frontend").orElseThrow();
        assertThatThrownBy(() -> iam.putInstanceProfileHolding(stale.value(), stale.version(), role))
                .isInstanceOf(VersionConflict.class);
    }
}
