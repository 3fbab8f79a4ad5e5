package berth.events.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule counts drain with AWS's dimensions, once, and leave out what did not happen. */
class RuleCountsTest {
    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void countsDrainPerRuleAndAsTheAccountsTotalsThenStartOver() {
        RuleCounts counts = new RuleCounts();
        counts.add("111122223333", "us-east-1", "default", "a", RuleCounts.Metric.Invocations);
        counts.add("111122223333", "us-east-1", "default", "a", RuleCounts.Metric.Invocations);
        counts.add("111122223333", "us-east-1", "shop", "b", RuleCounts.Metric.Invocations);
        counts.add("111122223333", "us-east-1", "shop", "b", RuleCounts.Metric.FailedInvocations);

        var drained = counts.drain(AT);
        assertThat(drained).extracting(c -> c.metric() + " " + c.dimensions() + " " + c.sum()).containsExactlyInAnyOrder(
                "Invocations {RuleName=a} 2",
                "Invocations " + Map.of("EventBusName", "shop", "RuleName", "b") + " 1",
                "FailedInvocations " + Map.of("EventBusName", "shop", "RuleName", "b") + " 1",
                "Invocations {} 3",
                "FailedInvocations {} 1");
        assertThat(drained).allSatisfy(c -> assertThat(c.at()).isEqualTo(AT));
        assertThat(counts.drain(AT.plusSeconds(60))).as("nothing new, nothing sent").isEmpty();
    }
}
