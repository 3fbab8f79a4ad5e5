package berth.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricSinkTest {

    @Test
    void aSampleIsStampedAtTheStartOfItsInterval() {
        Duration minute = Duration.ofSeconds(60);
        assertThat(MetricSink.stamp(Instant.parse("2026-03-01T12:00:59.900Z"), minute))
                .isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(MetricSink.stamp(Instant.parse("2026-03-01T12:01:00.050Z"), minute))
                .as("a pass running late still stamps its own minute").isEqualTo(Instant.parse("2026-03-01T12:01:00Z"));
        assertThat(MetricSink.stamp(Instant.parse("2026-03-01T12:00:13.500Z"), Duration.ofSeconds(2)))
                .isEqualTo(Instant.parse("2026-03-01T12:00:12Z"));
    }
}
