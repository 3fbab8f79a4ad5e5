package berth.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CPU units and memory from one engine stats document, as {@code docker stats} computes them. */
class EngineStatsTest {
    @Test
    void cpuIsTheShareOfTheHostOverTheEnginesIntervalAndMemoryLeavesOutThePageCache() {
        String stats = """
                {"cpu_stats":{"cpu_usage":{"total_usage":1500000000},"system_cpu_usage":20000000000,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":1000000000},"system_cpu_usage":18000000000},
                 "memory_stats":{"usage":73400320,"stats":{"inactive_file":20971520}}}
                """;
        double[] used = EngineStats.measure(stats).orElseThrow();
        assertThat(used[0]).as("0.5 s of CPU over 1 s of a 2-core host is half a core").isEqualTo(512.0);
        assertThat(used[1]).isEqualTo(50.0);
    }

    @Test
    void aFirstSampleWithoutAPreviousOneCountsNoCpu() {
        double[] used = EngineStats.measure("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":5}},\"memory_stats\":{}}")
                .orElseThrow();
        assertThat(used[0]).isZero();
        assertThat(used[1]).isZero();
        assertThat(EngineStats.measure("not json")).isEmpty();
    }
}
