package berth.ecs.core.placement;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.TaskOnInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small clusters for placement tests: instances named by short ids, ARNs derived from them. */
final class Fixtures {
    private Fixtures() {}

    static String arn(String id) {
        return "arn:aws:ecs:us-east-1:123456789012:container-instance/test/" + id;
    }

    static InstanceSnapshot instance(String id, int cpu, int memoryMiB) {
        return instance(id, cpu, memoryMiB, "us-east-1a", "t3.medium");
    }

    static InstanceSnapshot instance(String id, int cpu, int memoryMiB, String zone, String type) {
        return InstanceSnapshot.active(arn(id), "i-" + id, cpu, memoryMiB, Map.of(
                InstanceSnapshot.AVAILABILITY_ZONE, zone,
                InstanceSnapshot.INSTANCE_TYPE, type,
                InstanceSnapshot.OS_TYPE, "linux"));
    }

    static InstanceSnapshot withTasks(InstanceSnapshot instance, String group, int count) {
        List<TaskOnInstance> tasks = new ArrayList<>(instance.tasks());
        for (int n = 0; n < count; n++) {
            tasks.add(new TaskOnInstance(group, group.substring(group.indexOf(':') + 1)));
        }
        return instance.withRunningTasks(tasks);
    }

    static ClusterSnapshot cluster(InstanceSnapshot... instances) {
        return ClusterSnapshot.of(instances);
    }

    static TaskRequirements task(int cpu, int memoryMiB) {
        return TaskRequirements.ec2("web", cpu, memoryMiB);
    }

    static List<PlacementStrategy> strategies(PlacementStrategy... strategies) {
        return List.of(strategies);
    }

    static PlacementStrategy binpackMemory() {
        return new PlacementStrategy.Binpack(PlacementStrategy.Resource.MEMORY);
    }

    static PlacementStrategy binpackCpu() {
        return new PlacementStrategy.Binpack(PlacementStrategy.Resource.CPU);
    }

    static PlacementStrategy spreadInstances() {
        return new PlacementStrategy.Spread("instanceId");
    }

    static PlacementStrategy spreadZones() {
        return new PlacementStrategy.Spread("attribute:ecs.availability-zone");
    }

    static List<String> ids(Placement placement) {
        return placement.placedInstanceArns().stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
    }
}
