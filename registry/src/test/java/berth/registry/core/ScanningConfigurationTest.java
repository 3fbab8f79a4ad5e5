package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanningConfigurationTest {
    static final Scope EAST = new Scope("000000000000", "us-east-1");

    @Test
    void filtersMatchAsEcrsTableOfExamplesSays() {
        List<String> names = List.of("prod", "repo-prod", "prod-repo", "repo-prod-repo", "prodrepo");
        Map<String, List<Boolean>> table = Map.of(
                "prod", List.of(true, true, true, true, true),
                "*prod", List.of(true, true, false, false, false),
                "prod*", List.of(true, false, true, false, true),
                "*prod*", List.of(true, true, true, true, true),
                "prod*repo", List.of(false, false, true, false, true));
        table.forEach((filter, expected) -> {
            for (int i = 0; i < names.size(); i++) {
                assertThat(ScanningConfiguration.filterMatches(filter, names.get(i))).as(filter + " on " + names.get(i))
                        .isEqualTo(expected.get(i));
            }
        });
    }

    @Test
    void continuousScanningWinsOverScanOnPushAndUnmatchedRepositoriesAreManual() {
        ScanningConfiguration enhanced = ScanningConfiguration.of(EAST, "ENHANCED", List.of(
                new ScanningConfiguration.Rule("SCAN_ON_PUSH", List.of("*")),
                new ScanningConfiguration.Rule("CONTINUOUS_SCAN", List.of("prod*"))));
        assertThat(enhanced.scanningOf("prod/api")).isEqualTo(new ScanningConfiguration.RepositoryScanning("CONTINUOUS_SCAN", List.of("prod*")));
        assertThat(enhanced.scanningOf("dev/api")).isEqualTo(new ScanningConfiguration.RepositoryScanning("SCAN_ON_PUSH", List.of("*")));
        assertThat(enhanced.scanningOf("dev/api").scanOnPush()).isTrue();

        ScanningConfiguration basic = ScanningConfiguration.of(EAST, "BASIC", List.of(
                new ScanningConfiguration.Rule("SCAN_ON_PUSH", List.of("team-a", "*-prod"))));
        assertThat(basic.scanningOf("x/team-a/y").appliedFilters()).containsExactly("team-a");
        assertThat(basic.scanningOf("other").scanFrequency()).isEqualTo("MANUAL");
        assertThat(basic.scanningOf("other").scanOnPush()).isFalse();
        assertThat(ScanningConfiguration.defaults(EAST).scanningOf("any").scanFrequency()).isEqualTo("MANUAL");
    }

    @Test
    void eachScanTypeTakesOnlyTheFrequenciesEcrSupportsOncePerFrequency() {
        assertThatThrownBy(() -> ScanningConfiguration.of(EAST, "BASIC",
                List.of(new ScanningConfiguration.Rule("CONTINUOUS_SCAN", List.of("*")))))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("BASIC scan type supports");
        assertThatThrownBy(() -> ScanningConfiguration.of(EAST, "ENHANCED",
                List.of(new ScanningConfiguration.Rule("MANUAL", List.of("*"))))).isInstanceOf(InvalidConfiguration.class);
        assertThatThrownBy(() -> ScanningConfiguration.of(EAST, "ENHANCED", List.of(
                new ScanningConfiguration.Rule("SCAN_ON_PUSH", List.of("a*")), new ScanningConfiguration.Rule("SCAN_ON_PUSH", List.of("b*")))))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("used twice");
        assertThatThrownBy(() -> ScanningConfiguration.of(EAST, "BASIC",
                List.of(new ScanningConfiguration.Rule("SCAN_ON_PUSH", List.of("Upper")))))
                .isInstanceOf(InvalidConfiguration.class).satisfies(e -> assertThat(((InvalidConfiguration) e).member()).isEqualTo("filter"));
    }
}
