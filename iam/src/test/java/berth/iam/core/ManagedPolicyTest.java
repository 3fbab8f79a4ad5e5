package berth.iam.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedPolicyTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    private static ManagedPolicy created() {
        return new ManagedPolicy("111122223333", "app", "/", "ANPAEXAMPLEEXAMPLE123", "", T0, T0, "v1",
                List.of(new ManagedPolicy.Version("v1", DOC, T0)), Map.of(), 1);
    }

    @Test
    void versionNumbersAreNeverGivenTwice() {
        ManagedPolicy policy = created().withNewVersion("two", T0.plusSeconds(1), false)
                .withNewVersion("three", T0.plusSeconds(2), true)
                .withoutVersion("v2");
        policy = policy.withDefaultVersion("v1").withoutVersion("v3").withNewVersion("four", T0.plusSeconds(3), false);
        assertThat(policy.versions()).extracting(ManagedPolicy.Version::versionId).containsExactly("v1", "v4");
        assertThat(policy.versionsCreated()).isEqualTo(4);
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.defaultDocument()).isEqualTo(DOC);
    }

    @Test
    void aNewDefaultVersionIsWhatTakesEffect() {
        ManagedPolicy policy = created().withNewVersion("two", T0.plusSeconds(5), true);
        assertThat(policy.defaultVersionId()).isEqualTo("v2");
        assertThat(policy.defaultDocument()).isEqualTo("two");
        assertThat(policy.updateDate()).isEqualTo(T0.plusSeconds(5));
        assertThat(policy.withoutVersion("v1").updateDate()).isEqualTo(T0.plusSeconds(5));
        assertThat(policy.withDefaultVersion("v1").withoutVersion("v2").updateDate()).isEqualTo(T0);
    }

    @Test
    void theDefaultVersionCannotBeRemoved() {
        assertThatThrownBy(() -> created().withoutVersion("v1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPolicyStoredWithoutItsCountCountsItsNewestVersion() {
        ManagedPolicy stored = new ManagedPolicy("111122223333", "app", "/", "ANPAEXAMPLEEXAMPLE123", "", T0, T0, "v3",
                List.of(new ManagedPolicy.Version("v3", DOC, T0)), Map.of(), 0);
        assertThat(stored.versionsCreated()).isEqualTo(3);
        assertThat(stored.withNewVersion("next", T0, false).versions().get(1).versionId()).isEqualTo("v4");
    }
}
