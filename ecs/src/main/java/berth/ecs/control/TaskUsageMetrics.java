package berth.ecs.control;

import berth.agentwire.UsageReport;
import berth.aws.Scope;
import berth.cloudwatch.MetricSink;
import berth.ecs.core.EcsArns;
import berth.ecs.core.task.Task;
import berth.ecs.state.TaskRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns what agents measured of their tasks into CloudWatch's {@code AWS/ECS} metrics, as ECS
 * reports them: CPUUtilization and MemoryUtilization in percent of what the task reserved (so a
 * task may use more than 100% of its CPU units when the host has more), per service (dimensions
 * ClusterName and ServiceName) and per cluster (ClusterName). The Average over a period of the
 * tasks' samples is the service's average. A task that reserved nothing is not counted.
 */
final class TaskUsageMetrics {
    private final TaskRecords tasks;
    private final Supplier<Optional<MetricSink>> sink;

    TaskUsageMetrics(TaskRecords tasks, Supplier<Optional<MetricSink>> sink) {
        this.tasks = tasks;
        this.sink = sink;
    }

    void publish(Scope scope, UsageReport report) {
        Optional<MetricSink> target = sink.get();
        if (target.isEmpty()) {
            return;
        }
        Instant at = Instant.ofEpochMilli(report.measuredAtMillis());
        List<MetricSink.Sample> samples = new ArrayList<>();
        String prefix = EcsArns.taskPrefix(scope);
        for (UsageReport.MeasuredTask measured : report.tasks()) {
            String arn = measured.taskArn();
            String[] parts = arn.startsWith(prefix) ? arn.substring(prefix.length()).split("/") : new String[0];
            if (parts.length != 2) continue;
            Optional<Task> task = tasks.find(TaskRecords.key(scope, parts[0], parts[1])).map(v -> v.value());
            if (task.isEmpty()) continue;
            Task t = task.get();
            List<Map<String, String>> dimensionSets = new ArrayList<>();
            dimensionSets.add(Map.of("ClusterName", t.cluster()));
            if (t.group().startsWith("service:")) {
                dimensionSets.add(Map.of("ClusterName", t.cluster(), "ServiceName", t.group().substring("service:".length())));
            }
            for (Map<String, String> dims : dimensionSets) {
                if (t.reservation().cpu() > 0) {
                    samples.add(MetricSink.Sample.of("AWS/ECS", "CPUUtilization", dims, at,
                            100.0 * measured.cpuUnits() / t.reservation().cpu(), "Percent"));
                }
                if (t.reservation().memoryMiB() > 0) {
                    samples.add(MetricSink.Sample.of("AWS/ECS", "MemoryUtilization", dims, at,
                            100.0 * measured.memoryMiB() / t.reservation().memoryMiB(), "Percent"));
                }
            }
        }
        if (!samples.isEmpty()) {
            target.get().put(scope, samples);
        }
    }
}
