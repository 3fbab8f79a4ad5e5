package berth.agent.loop;

import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.Runtime;
import berth.agentwire.UsageReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code BERTH_AGENT_USAGE_SECONDS} (default 20), measures the CPU and memory the agent's
 * running task containers use (one engine stats sample each: CPU over the engine's own interval of
 * about a second, memory without the page cache, as {@code docker stats} counts it) and sends the
 * sums per task to the control plane.
 */
final class UsageSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSampler.class);

    private final Runtime runtime;
    private final ControlPlane controlPlane;
    private final Map<String, String> labels;
    private final Clock clock;
    private final Duration interval;
    private volatile boolean closed;
    private Thread thread;

    UsageSampler(Runtime runtime, ControlPlane controlPlane, Map<String, String> labels, Clock clock, Duration interval) {
        this.runtime = runtime;
        this.controlPlane = controlPlane;
        this.labels = Map.copyOf(labels);
        this.clock = clock;
        this.interval = interval;
    }

    static Duration configuredInterval() {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(System.getenv().getOrDefault("BERTH_AGENT_USAGE_SECONDS",
                    "20").strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(20);
        }
    }

    void start(String name) {
        thread = Thread.ofPlatform().daemon().name("agent-usage-" + name).start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(interval.toMillis());
                sample();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("measuring task usage failed: {}", e.toString());
            }
        }
    }

    private void sample() {
        Map<String, double[]> byTask = new LinkedHashMap<>();
        Map<String, String> clusterOf = new LinkedHashMap<>();
        for (ContainerObservation c : runtime.list(labels)) {
            String task = c.labels().get(BerthLabels.TASK_ARN);
            if (task == null || c.state() != ContainerState.RUNNING) continue;
            Optional<double[]> used = runtime.statsJson(c.id()).flatMap(EngineStats::measure);
            if (used.isEmpty()) continue;
            double[] sum = byTask.computeIfAbsent(task, t -> new double[2]);
            sum[0] += used.get()[0];
            sum[1] += used.get()[1];
            clusterOf.put(task, c.labels().getOrDefault(BerthLabels.CLUSTER, ""));
        }
        if (byTask.isEmpty() || closed) return;
        List<UsageReport.MeasuredTask> tasks = new ArrayList<>();
        byTask.forEach((task, used) -> tasks.add(new UsageReport.MeasuredTask(clusterOf.get(task), task, used[0], used[1])));
        controlPlane.reportUsage(new UsageReport(clock.millis(), tasks));
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) thread.interrupt();
    }
}
