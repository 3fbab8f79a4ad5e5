package berth.agentwire;

import java.util.List;

/**
 * The resources an agent's running tasks used, measured by the engine over about a second at
 * {@code measuredAtMillis} (epoch milliseconds); ECS turns it into CloudWatch's AWS/ECS metrics.
 */
public record UsageReport(long measuredAtMillis, List<MeasuredTask> tasks) {
    public UsageReport {
        tasks = WireValues.list(tasks);
    }

    /**
     * One task's use, summed over its containers.
     *
     * @param cpuUnits CPU used, in CPU units (1024 per core)
     * @param memoryMiB memory used, in MiB
     */
    public record MeasuredTask(String cluster, String taskArn, double cpuUnits, double memoryMiB) {
        public MeasuredTask {
            cluster = WireValues.text(cluster);
            taskArn = WireValues.text(taskArn);
        }
    }
}
