package berth.ecs.core.service;

import java.util.List;

/**
 * What one pass of the service scheduler decided: the service as it is to be stored (deployments,
 * progress, status), tasks to start for the PRIMARY deployment, tasks to stop (with ECS's stopped
 * reason), task ids whose targets to register in or deregister from every target group, and event
 * messages (oldest first). Starting tasks is the executor's: it adds their "has started" events.
 */
public record ServicePlan(Service service, int start, List<TaskStop> stop, List<String> register,
                          List<String> deregister, List<String> events) {
    public ServicePlan {
        stop = List.copyOf(stop);
        register = List.copyOf(register);
        deregister = List.copyOf(deregister);
        events = List.copyOf(events);
    }

    public record TaskStop(String taskId, String reason) {}

    public boolean changesNothingBut(Service stored) {
        return start == 0 && stop.isEmpty() && register.isEmpty() && deregister.isEmpty() && events.isEmpty()
                && service.equals(stored);
    }
}
