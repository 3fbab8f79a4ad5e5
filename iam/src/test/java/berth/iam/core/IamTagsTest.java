package berth.iam.core;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IamTagsTest {
    private static final Map<String, String> CURRENT = ordered("Env", "prod", "team", "web");

    @Test
    void taggingAddsAndReplacesKeysThatDifferOnlyInCase() {
        assertThat(IamTags.merged(CURRENT, ordered("env", "test", "Owner", "ops")))
                .containsExactlyEntriesOf(ordered("team", "web", "env", "test", "Owner", "ops"));
        assertThat(IamTags.merged(CURRENT, Map.of())).isEqualTo(CURRENT);
    }

    @Test
    void untaggingRemovesKeysRegardlessOfCaseAndIgnoresUnknownOnes() {
        assertThat(IamTags.removed(CURRENT, List.of("ENV", "missing"))).containsExactlyEntriesOf(ordered("team", "web"));
        assertThat(IamTags.removed(CURRENT, List.of())).isEqualTo(CURRENT);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
