package berth.secrets.manager.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Staging labels move between versions as Secrets Manager moves them. */
class SecretStagesTest {

    private static SecretVersion version(String id, long created, String... stages) {
        return new SecretVersion(id, "value-" + id, new byte[0], created, List.of(stages));
    }

    private static Map<String, List<String>> labels(List<SecretVersion> versions) {
        Map<String, List<String>> out = new TreeMap<>();
        versions.forEach(v -> out.put(v.versionId(), v.stages()));
        return out;
    }

    private static Secret secret(List<SecretVersion> versions) {
        return new Secret("1", "r", "s", "arn", "", "", List.of(), 0, 0, 0, 0, 0, versions);
    }

    @Test
    void aNewCurrentVersionMakesTheOldOnePrevious() {
        List<SecretVersion> versions = SecretStages.withNewVersion(List.of(), version("v1", 1, "AWSCURRENT"));
        versions = SecretStages.withNewVersion(versions, version("v2", 2, "AWSCURRENT"));
        assertThat(labels(versions)).isEqualTo(Map.of("v1", List.of("AWSPREVIOUS"), "v2", List.of("AWSCURRENT")));
        versions = SecretStages.withNewVersion(versions, version("v3", 3, "AWSCURRENT"));
        assertThat(labels(versions)).isEqualTo(Map.of("v1", List.of(), "v2", List.of("AWSPREVIOUS"), "v3", List.of("AWSCURRENT")));
    }

    @Test
    void customStagesMoveWithoutTouchingCurrent() {
        List<SecretVersion> versions = SecretStages.withNewVersion(List.of(), version("v1", 1, "AWSCURRENT"));
        versions = SecretStages.withNewVersion(versions, version("v2", 2, "blue"));
        assertThat(labels(versions)).isEqualTo(Map.of("v1", List.of("AWSCURRENT"), "v2", List.of("blue")));
        versions = SecretStages.withNewVersion(versions, version("v3", 3, "blue", "AWSPENDING"));
        assertThat(labels(versions)).isEqualTo(Map.of("v1", List.of("AWSCURRENT"), "v2", List.of(), "v3",
                List.of("blue", "AWSPENDING")));
    }

    @Test
    void movingCurrentByHandAlsoLeavesPrevious() {
        List<SecretVersion> versions = List.of(version("v1", 1, "AWSPREVIOUS"), version("v2", 2, "AWSCURRENT"),
                version("v3", 3, "AWSPENDING"));
        versions = SecretStages.attach(versions, "AWSCURRENT", "v3");
        assertThat(labels(versions)).isEqualTo(Map.of("v1", List.of(), "v2", List.of("AWSPREVIOUS"), "v3",
                List.of("AWSPENDING", "AWSCURRENT")));
        versions = SecretStages.detach(versions, "AWSPENDING", "v3");
        assertThat(labels(versions).get("v3")).containsExactly("AWSCURRENT");
    }

    @Test
    void deprecatedVersionsBeyondAHundredAreDroppedOldestFirst() {
        List<SecretVersion> versions = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            versions = new ArrayList<>(SecretStages.withNewVersion(versions, version("v" + i, i, "AWSCURRENT")));
        }
        assertThat(versions).hasSize(SecretStages.MAX_VERSIONS);
        assertThat(labels(versions)).containsKeys("v129", "v128", "v30").doesNotContainKey("v29");
        assertThat(labels(versions).get("v129")).containsExactly("AWSCURRENT");
        assertThat(labels(versions).get("v128")).containsExactly("AWSPREVIOUS");
    }

    @Test
    void readsSelectByIdStageOrBoth() {
        Secret secret = secret(List.of(version("v1", 1, "AWSPREVIOUS"), version("v2", 2, "AWSCURRENT", "blue")));
        assertThat(SecretStages.select(secret, "", "")).isEqualTo(new SecretStages.Found(secret.versions().get(1)));
        assertThat(SecretStages.select(secret, "", "AWSPREVIOUS")).isEqualTo(new SecretStages.Found(secret.versions().get(0)));
        assertThat(SecretStages.select(secret, "v1", "")).isEqualTo(new SecretStages.Found(secret.versions().get(0)));
        assertThat(SecretStages.select(secret, "v2", "blue")).isEqualTo(new SecretStages.Found(secret.versions().get(1)));
        assertThat(SecretStages.select(secret, "v1", "blue")).isEqualTo(new SecretStages.StageNotOnVersion("v1", "blue"));
        assertThat(SecretStages.select(secret, "v9", "")).isEqualTo(new SecretStages.NoSuchVersion("v9"));
        assertThat(SecretStages.select(secret, "", "green")).isEqualTo(new SecretStages.NoSuchStage("green"));
        assertThat(SecretStages.select(secret(List.of()), "", "")).isEqualTo(new SecretStages.NoSuchStage("AWSCURRENT"));
    }
}
