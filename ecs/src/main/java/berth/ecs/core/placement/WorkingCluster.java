package berth.ecs.core.placement;

import berth.ecs.core.ClusterSnapshot;
import berth.ecs.core.HostPorts;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.LaunchType;
import berth.ecs.core.TaskOnInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The cluster as one placement call changes it: remaining CPU and memory, reserved ports and the
 * request's group counts per instance, in arrays indexed like the snapshot's instances.
 *
 * <p>Choosing is one pass over the ACTIVE instances. Resources are compared first; the other
 * checks (launch type, agent, attributes, ports, constraints) run only for an instance that would
 * rank at least as well as the best so far, and their static parts are remembered per instance.
 * Only the instance that receives a task changes, so only its remembered results are dropped.
 */
final class WorkingCluster {
    private static final byte UNKNOWN = 0;
    private static final byte PASSES = 1;
    private static final byte FAILS = 2;

    private final List<InstanceSnapshot> instances;
    private final TaskRequirements task;
    private final int[] pool;
    private final int[] cpu;
    private final int[] memory;
    private final HostPorts[] ports;
    private final int[] groupCount;
    private final int[] placedHere;
    private final byte[] staticChecks;
    private final byte[] memberOfChecks;
    private final List<PlacementConstraint> constraints;
    private final List<ClusterQuery> memberOf;
    private final boolean distinctInstance;
    private final boolean queriesTaskGroups;
    private final List<Set<String>> taskGroups;
    private final Ranking ranking;
    private final long[] bestKeys;

    WorkingCluster(ClusterSnapshot cluster, TaskRequirements task, List<PlacementStrategy> strategies) {
        this.instances = cluster.instances();
        this.task = task;
        int n = instances.size();
        this.cpu = new int[n];
        this.memory = new int[n];
        this.placedHere = new int[n];
        this.staticChecks = new byte[n];
        this.memberOfChecks = new byte[n];
        int[] active = new int[n];
        int activeCount = 0;
        for (int i = 0; i < n; i++) {
            InstanceSnapshot instance = instances.get(i);
            cpu[i] = instance.remainingCpu();
            memory[i] = instance.remainingMemoryMiB();
            if (instance.status() == InstanceStatus.ACTIVE) {
                active[activeCount++] = i;
            }
        }
        this.pool = Arrays.copyOf(active, activeCount);
        this.ports = task.hostPorts().isEmpty() ? null : new HostPorts[n];
        this.constraints = task.placementConstraints();
        List<ClusterQuery> queries = new ArrayList<>();
        boolean distinct = false;
        for (PlacementConstraint constraint : constraints) {
            switch (constraint) {
                case PlacementConstraint.MemberOf member -> queries.add(member.query());
                case PlacementConstraint.DistinctInstance d -> distinct = true;
            }
        }
        this.memberOf = List.copyOf(queries);
        this.distinctInstance = distinct;
        this.queriesTaskGroups = queries.stream().anyMatch(ClusterQuery::referencesTaskGroups);
        this.taskGroups = queriesTaskGroups ? new ArrayList<>(Collections.nCopies(n, null)) : List.of();
        this.groupCount = distinct || Ranking.spreads(strategies) ? countGroup(task.group()) : null;
        this.ranking = new Ranking(strategies, instances, cpu, memory, groupCount);
        this.bestKeys = new long[ranking.keyCount()];
    }

    /** The index of the instance the next task goes to, or -1 when no instance can take it. */
    int choose(RandomGenerator random) {
        int needCpu = task.cpuUnits();
        int needMemory = task.memoryMiB();
        int best = -1;
        int ties = 0;
        for (int i : pool) {
            if (cpu[i] < needCpu || memory[i] < needMemory) {
                continue;
            }
            int order = best < 0 ? -1 : ranking.compare(i, bestKeys);
            if (order > 0 || !feasible(i)) {
                continue;
            }
            if (order < 0) {
                best = i;
                ranking.keys(i, bestKeys);
                ties = 1;
            } else if (random.nextInt(++ties) == 0) {
                best = i;
            }
        }
        return best;
    }

    /** Assigns the next task to instance {@code i}. */
    void place(int i) {
        cpu[i] -= task.cpuUnits();
        memory[i] -= task.memoryMiB();
        placedHere[i]++;
        if (ports != null) {
            ports[i] = portsOf(i).plus(task.hostPorts());
        }
        if (groupCount != null) {
            groupCount[i]++;
            ranking.placed(i);
        }
        if (queriesTaskGroups) {
            Set<String> groups = taskGroups.get(i);
            if (groups != null) {
                groups.add(task.group());
            }
            memberOfChecks[i] = UNKNOWN;
        }
    }

    /** Why the next task fits nowhere: every candidate's first failed check, or no candidates at all. */
    PlacementFailure diagnose() {
        List<InstanceRejection> rejections = new ArrayList<>();
        InstanceRejection closest = null;
        int closestStage = -1;
        for (int i : pool) {
            if (!launchTypeMatches(instances.get(i))) {
                continue;
            }
            int stage = firstFailedStage(i);
            if (stage < 0) {
                throw new IllegalStateException("instance " + i + " fits but was not chosen");
            }
            InstanceRejection rejection = new InstanceRejection(instances.get(i).containerInstanceArn(), reason(stage));
            rejections.add(rejection);
            if (stage > closestStage) {
                closestStage = stage;
                closest = rejection;
            }
        }
        if (closest == null) {
            return new PlacementFailure.NoContainerInstances();
        }
        return new PlacementFailure.Rejected(closest, rejections);
    }

    /** The snapshot with every task placed so far on its instance. */
    ClusterSnapshot after() {
        List<InstanceSnapshot> updated = new ArrayList<>(instances);
        TaskOnInstance placedTask = new TaskOnInstance(task.group(), task.taskDefinitionFamily());
        for (int i = 0; i < placedHere.length; i++) {
            int count = placedHere[i];
            if (count > 0) {
                updated.set(i, instances.get(i).withPlaced(Collections.nCopies(count, placedTask),
                        count * task.cpuUnits(), count * task.memoryMiB(), task.hostPorts()));
            }
        }
        return new ClusterSnapshot(updated);
    }

    String arn(int i) {
        return instances.get(i).containerInstanceArn();
    }

    private boolean feasible(int i) {
        if (staticChecks[i] == UNKNOWN) {
            InstanceSnapshot instance = instances.get(i);
            boolean passes = launchTypeMatches(instance) && instance.agentConnected() && hasRequiredAttributes(instance);
            staticChecks[i] = passes ? PASSES : FAILS;
        }
        if (staticChecks[i] == FAILS) {
            return false;
        }
        if (ports != null && portsOf(i).overlaps(task.hostPorts())) {
            return false;
        }
        if (distinctInstance && groupCount[i] > 0) {
            return false;
        }
        if (memberOfChecks[i] == UNKNOWN) {
            memberOfChecks[i] = allMemberOf(i) ? PASSES : FAILS;
        }
        return memberOfChecks[i] == PASSES;
    }

    /**
     * Stages in the order ECS checks them: 0 agent, 1 attributes, 2 CPU, 3 memory, 4 ports, then
     * 5 + the index of each constraint. -1 when every check passes.
     */
    private int firstFailedStage(int i) {
        InstanceSnapshot instance = instances.get(i);
        if (!instance.agentConnected()) {
            return 0;
        }
        if (!hasRequiredAttributes(instance)) {
            return 1;
        }
        if (cpu[i] < task.cpuUnits()) {
            return 2;
        }
        if (memory[i] < task.memoryMiB()) {
            return 3;
        }
        if (ports != null && portsOf(i).overlaps(task.hostPorts())) {
            return 4;
        }
        int query = 0;
        for (int c = 0; c < constraints.size(); c++) {
            boolean satisfied = switch (constraints.get(c)) {
                case PlacementConstraint.DistinctInstance d -> groupCount[i] == 0;
                case PlacementConstraint.MemberOf m -> memberOf.get(query++).matches(instance, groupsOf(i));
            };
            if (!satisfied) {
                return 5 + c;
            }
        }
        return -1;
    }

    private RejectionReason reason(int stage) {
        return switch (stage) {
            case 0 -> RejectionReason.AGENT;
            case 1 -> RejectionReason.ATTRIBUTE;
            case 2 -> RejectionReason.CPU;
            case 3 -> RejectionReason.MEMORY;
            case 4 -> RejectionReason.PORTS;
            default -> constraints.get(stage - 5) instanceof PlacementConstraint.DistinctInstance
                    ? RejectionReason.DISTINCT_INSTANCE
                    : RejectionReason.MEMBER_OF;
        };
    }

    private boolean allMemberOf(int i) {
        InstanceSnapshot instance = instances.get(i);
        for (ClusterQuery query : memberOf) {
            if (!query.matches(instance, groupsOf(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean launchTypeMatches(InstanceSnapshot instance) {
        return instance.external() == (task.launchType() == LaunchType.EXTERNAL);
    }

    private boolean hasRequiredAttributes(InstanceSnapshot instance) {
        for (RequiredAttribute required : task.requiredAttributes()) {
            String value = instance.attributes().get(required.name());
            if (value == null || (!required.value().isEmpty() && !required.value().equals(value))) {
                return false;
            }
        }
        return true;
    }

    private HostPorts portsOf(int i) {
        HostPorts current = ports[i];
        return current != null ? current : instances.get(i).reservedPorts();
    }

    private Set<String> groupsOf(int i) {
        if (!queriesTaskGroups) {
            return Set.of();
        }
        Set<String> groups = taskGroups.get(i);
        if (groups == null) {
            groups = new HashSet<>();
            for (TaskOnInstance onInstance : instances.get(i).tasks()) {
                groups.add(onInstance.group());
            }
            if (placedHere[i] > 0) {
                groups.add(task.group());
            }
            taskGroups.set(i, groups);
        }
        return groups;
    }

    private int[] countGroup(String group) {
        int[] counts = new int[instances.size()];
        for (int i = 0; i < counts.length; i++) {
            for (TaskOnInstance onInstance : instances.get(i).tasks()) {
                if (onInstance.group().equals(group)) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }
}
