package berth.aws.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

    @Test
    void labelsMatchWholeSegmentsAndAreDecoded() {
        assertThat(UriTemplate.parse("/schedules/{Name}").match("/schedules/a%20b", Set.of())).contains(Map.of("Name", "a b"));
        assertThat(UriTemplate.parse("/schedules/{Name}").match("/schedules", Set.of())).isEmpty();
        assertThat(UriTemplate.parse("/schedules/{Name}").match("/schedules/a/b", Set.of())).isEmpty();
        assertThat(UriTemplate.parse("/schedules").match("/schedules/", Set.of())).contains(Map.of());
    }

    @Test
    void greedyLabelsTakeTheRestOfThePath() {
        assertThat(UriTemplate.parse("/objects/{Key+}").match("/objects/a/b%2Fc/d", Set.of()))
                .contains(Map.of("Key", "a/b/c/d"));
        assertThat(UriTemplate.parse("/objects/{Key+}").match("/objects/", Set.of())).isEmpty();
    }

    @Test
    void literalQueryParametersMustBePresentAndMakeATemplateMoreSpecific() {
        UriTemplate tagging = UriTemplate.parse("/things/{Id}?tagging");
        UriTemplate plain = UriTemplate.parse("/things/{Id}");

        assertThat(tagging.match("/things/1", Set.of())).isEmpty();
        assertThat(tagging.match("/things/1", Set.of("tagging"))).contains(Map.of("Id", "1"));
        assertThat(tagging.specificity()).isLessThan(plain.specificity());
        assertThat(UriTemplate.parse("/things/list").specificity()).isLessThan(plain.specificity());
    }
}
