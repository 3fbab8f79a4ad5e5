package berth.agent.core;

import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerSpec;
import berth.agentwire.AssignedTask;
import berth.agentwire.TaskObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes one host's containers match the tasks assigned to it: a pure function of the assignments,
 * the engine's containers labelled with this agent, the agent's record of each task and the time.
 * Containers of tasks no longer assigned (the control plane forgot them) are stopped and removed.
 */
public final class TaskReconciler {

    private final AgentSettings settings;

    public TaskReconciler(AgentSettings settings) {
        this.settings = settings;
    }

    public AgentSettings settings() {
        return settings;
    }

    public Plan reconcile(List<AssignedTask> desired, List<ContainerObservation> observed,
                          Map<String, LocalTaskState> local, Instant now) {
        return reconcile(desired, observed, local, now, Map.of());
    }

    /**
     * As above, with the subnets whose networks this host may have ({@link SubnetNetwork}, by subnet
     * id): an awsvpc task of one of them gets its address there, any other on the agent's awsvpc network.
     */
    public Plan reconcile(List<AssignedTask> desired, List<ContainerObservation> observed,
                          Map<String, LocalTaskState> local, Instant now, Map<String, SubnetNetwork> subnets) {
        Map<String, Map<String, ContainerObservation>> byTask = byTask(observed);
        Map<String, LocalTaskState> states = new LinkedHashMap<>();
        List<TaskWork> work = new ArrayList<>();
        List<TaskReport> taskReports = new ArrayList<>();
        List<ContainerStateReport> containerReports = new ArrayList<>();
        List<TaskObservation> observations = new ArrayList<>();
        Set<String> assigned = new LinkedHashSet<>();
        for (AssignedTask task : desired) {
            if (!assigned.add(task.taskArn())) {
                continue;
            }
            LocalTaskState state = local.get(task.taskArn());
            if (state == null) {
                state = LocalTaskState.first(task.taskArn(), TaskStatus.of(task.lastStatus()), now);
            }
            TaskDecision decision = new TaskDecision(settings, task,
                    byTask.getOrDefault(task.taskArn(), Map.of()), state, now, subnets);
            decision.decide();
            states.put(task.taskArn(), decision.local);
            if (!decision.steps.isEmpty()) {
                work.add(new TaskWork(task.taskArn(), decision.steps));
            }
            taskReports.addAll(decision.taskReports);
            containerReports.addAll(decision.containerReports);
            observations.addAll(decision.observations);
        }
        for (Map.Entry<String, Map<String, ContainerObservation>> orphan : byTask.entrySet()) {
            if (!assigned.contains(orphan.getKey())) {
                List<Step> steps = orphanSteps(orphan.getValue());
                if (!steps.isEmpty()) {
                    work.add(new TaskWork(orphan.getKey(), steps));
                }
            }
        }
        return new Plan(states, work, taskReports, containerReports, observations);
    }

    /** This agent's containers by task ARN, then by container name. */
    private Map<String, Map<String, ContainerObservation>> byTask(List<ContainerObservation> observed) {
        Map<String, Map<String, ContainerObservation>> byTask = new HashMap<>();
        for (ContainerObservation o : observed) {
            String agent = o.labels().getOrDefault(BerthLabels.AGENT, "");
            String taskArn = o.labels().getOrDefault(BerthLabels.TASK_ARN, "");
            String name = o.labels().getOrDefault(BerthLabels.CONTAINER_NAME, "");
            if (!agent.equals(settings.agentId()) || taskArn.isEmpty() || name.isEmpty()) {
                continue;
            }
            byTask.computeIfAbsent(taskArn, k -> new LinkedHashMap<>()).merge(name, o, TaskReconciler::newer);
        }
        return byTask;
    }

    /** Of two containers claiming the same name of a task, the running one, else the one created later. */
    private static ContainerObservation newer(ContainerObservation a, ContainerObservation b) {
        if (a.state().stopped() != b.state().stopped()) {
            return a.state().stopped() ? b : a;
        }
        return a.startedAt().orElse(Instant.EPOCH).isAfter(b.startedAt().orElse(Instant.EPOCH)) ? a : b;
    }

    /**
     * A task the control plane no longer lists: its containers stop (the pause container last) and
     * are removed with the task-scoped volumes they name.
     */
    private static List<Step> orphanSteps(Map<String, ContainerObservation> containers) {
        List<Step> steps = new ArrayList<>();
        boolean userRunning = false;
        for (Map.Entry<String, ContainerObservation> e : containers.entrySet()) {
            if (!e.getKey().equals(TaskLayout.PAUSE) && !e.getValue().state().stopped()
                    && e.getValue().state() != berth.agent.runtime.ContainerState.CREATED) {
                userRunning = true;
                steps.add(new Step.StopContainer(e.getKey(), e.getValue().id(), ContainerSpec.DEFAULT_STOP_TIMEOUT));
            }
        }
        if (userRunning) {
            return steps;
        }
        Set<String> volumes = new LinkedHashSet<>();
        containers.forEach((name, o) -> {
            if (!name.equals(TaskLayout.PAUSE)) {
                steps.add(new Step.RemoveContainer(name, o.id()));
            }
            String named = o.labels().getOrDefault(BerthLabels.TASK_VOLUMES, "");
            if (!named.isEmpty()) {
                volumes.addAll(Arrays.asList(named.split(",")));
            }
        });
        ContainerObservation pause = containers.get(TaskLayout.PAUSE);
        if (pause != null) {
            steps.add(new Step.RemoveContainer(TaskLayout.PAUSE, pause.id()));
        }
        volumes.forEach(v -> steps.add(new Step.RemoveVolume(v)));
        if (pause != null) {
            subnetNetworks(pause).forEach(n -> steps.add(new Step.RemoveNetwork(n)));
        }
        return steps;
    }

    /** The subnets' networks a pause container is attached to (named after their subnets). */
    static List<String> subnetNetworks(ContainerObservation pause) {
        return pause.ipAddresses().keySet().stream().filter(n -> n.startsWith("subnet-")).sorted().toList();
    }
}
