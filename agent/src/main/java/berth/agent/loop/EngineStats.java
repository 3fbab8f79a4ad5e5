package berth.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** What one engine stats document says a container used, as {@code docker stats} counts it. */
public final class EngineStats {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineStats() {}

    /** CPU units (1024 per core) and MiB a container used, from one engine stats document. */
    public static Optional<double[]> measure(String statsJson) {
        try {
            JsonNode s = JSON.readTree(statsJson);
            JsonNode cpu = s.path("cpu_stats");
            JsonNode pre = s.path("precpu_stats");
            double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble() - pre.path("cpu_usage").path("total_usage").asDouble();
            double systemDelta = cpu.path("system_cpu_usage").asDouble() - pre.path("system_cpu_usage").asDouble();
            int online = cpu.path("online_cpus").asInt(0);
            if (online == 0) online = Math.max(1, cpu.path("cpu_usage").path("percpu_usage").size());
            double cores = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online : 0;
            JsonNode memory = s.path("memory_stats");
            double bytes = memory.path("usage").asDouble() - memory.path("stats").path("inactive_file").asDouble(
                    memory.path("stats").path("total_inactive_file").asDouble());
            return Optional.of(new double[] {cores * 1024, Math.max(0, bytes) / (1024 * 1024)});
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
