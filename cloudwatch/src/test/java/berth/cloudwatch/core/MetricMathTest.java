package berth.cloudwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricMathTest {
    private static final Instant A = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant B = A.plusSeconds(60);

    private static MetricMath.Series series(double a, double b) {
        TreeMap<Instant, Double> p = new TreeMap<>();
        p.put(A, a);
        p.put(B, b);
        return new MetricMath.Series(p);
    }

    @Test
    void arithmeticAndFunctionsOverSeries() {
        Map<String, MetricMath.Series> in = Map.of("m1", series(10, 20), "m2", series(2, 0));
        assertThat(((MetricMath.Series) MetricMath.evaluate("(m1 + m2) * 2", in)).points()).containsExactly(
                Map.entry(A, 24.0), Map.entry(B, 40.0));
        assertThat(((MetricMath.Series) MetricMath.evaluate("m1 / m2", in)).points()).as("division by zero is no value")
                .containsExactly(Map.entry(A, 5.0));
        assertThat(((MetricMath.Series) MetricMath.evaluate("SUM([m1, m2])", in)).points())
                .containsExactly(Map.entry(A, 12.0), Map.entry(B, 20.0));
        assertThat(((MetricMath.Series) MetricMath.evaluate("AVG(m1)", in)).points())
                .containsExactly(Map.entry(A, 15.0), Map.entry(B, 15.0));
        assertThat(MetricMath.references("SUM([m1, m2]) / 2")).containsExactly("m1", "m2");
    }

    @Test
    void unknownIdsAndSyntaxErrorsAreRefused() {
        assertThatThrownBy(() -> MetricMath.evaluate("m9 + 1", Map.of())).isInstanceOf(MetricMath.Invalid.class)
                .hasMessageContaining("m9");
        assertThatThrownBy(() -> MetricMath.evaluate("(1 + ", Map.of())).isInstanceOf(MetricMath.Invalid.class);
        assertThatThrownBy(() -> MetricMath.evaluate("FOO(1)", Map.of())).hasMessageContaining("FOO");
    }
}
