package berth.ecs.core.capacity;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A task of a capacity provider strategy waiting in PROVISIONING for an instance of its provider
 * with room, with what its placement must honour: the request's constraints and strategies (the
 * task definition's own constraints are read again from the task). Stored beside the task (kind
 * {@code ecs.waiting}, the task's key) until it is placed or stopped.
 */
public record WaitingPlacement(String accountId, String region, String cluster, String taskId, String capacityProvider,
                               List<Rule> constraints, List<Rule> strategies, Instant since) {
    /** A placement constraint (type, expression) or strategy (type, field) as the request gave it. */
    public record Rule(String type, String value) {}

    public WaitingPlacement {
        constraints = List.copyOf(constraints);
        strategies = List.copyOf(strategies);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String key() {
        return scope().key(cluster + "/" + taskId);
    }
}
