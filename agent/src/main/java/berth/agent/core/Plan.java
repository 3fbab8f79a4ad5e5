package berth.agent.core;

import berth.agentwire.TaskObservation;
import java.util.List;
import java.util.Map;

/**
 * What one reconciliation decided: the agent's new memory of each task it keeps, the engine work to
 * do, and what to tell the control plane.
 *
 * @param states every task the agent should keep remembering; a task missing here is forgotten
 */
public record Plan(Map<String, LocalTaskState> states, List<TaskWork> work, List<TaskReport> taskReports,
                   List<ContainerStateReport> containerReports, List<TaskObservation> observations) {

    public Plan {
        states = Map.copyOf(states);
        work = List.copyOf(work);
        taskReports = List.copyOf(taskReports);
        containerReports = List.copyOf(containerReports);
        observations = List.copyOf(observations);
    }

    public boolean idle() {
        return work.isEmpty() && taskReports.isEmpty() && containerReports.isEmpty() && observations.isEmpty();
    }
}
