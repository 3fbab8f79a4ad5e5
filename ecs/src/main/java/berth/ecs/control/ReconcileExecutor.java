package berth.ecs.control;

import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.task.ReconcilePlan;
import berth.ecs.core.task.ReconcileSettings;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLifecycle;
import berth.ecs.state.CapacityRecords;
import berth.ecs.state.ClientTokenRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.TaskCommits;
import berth.store.Store;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link ReconcilePlan}, each action on its own with compare-and-set on fresh reads, so an
 * action whose premise no longer holds (the agent polled again, the task changed) does nothing and the
 * next pass decides again.
 */
final class ReconcileExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileExecutor.class);

    private final TaskCommits commits;
    private final ContainerInstanceRecords instances;
    private final CapacityRecords capacities;
    private final ClientTokenRecords tokens;
    private final ReconcileSettings settings;

    ReconcileExecutor(Store store, ReconcileSettings settings) {
        this.commits = new TaskCommits(store);
        this.instances = new ContainerInstanceRecords(store);
        this.capacities = new CapacityRecords(store);
        this.tokens = new ClientTokenRecords(store);
        this.settings = settings;
    }

    void apply(ReconcilePlan plan, Instant now) {
        for (ReconcilePlan.Action action : plan.actions()) {
            try {
                apply(action, now);
            } catch (RuntimeException e) {
                LOG.warn("reconciling {} failed; the next pass tries again", action, e);
            }
        }
    }

    private void apply(ReconcilePlan.Action action, Instant now) {
        switch (action) {
            case ReconcilePlan.StopWithoutAgent stop -> commits.change(stop.taskKey(),
                    t -> TaskLifecycle.stoppedWithoutAgent(t, stop.code(), stop.reason(), now))
                    .ifPresent(t -> LOG.info("task {} of cluster {} is STOPPED ({}: {})", t.id(), t.cluster(),
                            t.stopCode(), t.stoppedReason()));
            case ReconcilePlan.Advance advance -> {
                Optional<Task> after = commits.change(advance.taskKey(), t -> TaskLifecycle.advanced(t, now));
                after.ifPresent(t -> LOG.info("task {} of cluster {} is {}", t.id(), t.cluster(), t.lastStatus()));
            }
            case ReconcilePlan.Forget forget -> {
                if (commits.forget(forget.taskKey(), forget.storeVersion())) {
                    LOG.info("forgot stopped task {}", forget.taskKey());
                }
            }
            case ReconcilePlan.Reaccount reaccount -> commits.reaccount(reaccount.instanceKey());
            case ReconcilePlan.Disconnect disconnect -> disconnect(disconnect.instanceKey(), now);
            case ReconcilePlan.DisconnectCapacity disconnect -> capacities.update(disconnect.capacityKey(), c ->
                    c.agentConnected() && silent(c.agentLastSeenAt(), now) ? c.withAgent(false, c.agentLastSeenAt()) : c)
                    .filter(c -> !c.agentConnected())
                    .ifPresent(c -> LOG.info("Fargate runner of cluster {} disconnected", c.cluster()));
            case ReconcilePlan.ExpireToken expire -> tokens.forget(expire.tokenKey());
        }
    }

    private void disconnect(String instanceKey, Instant now) {
        Optional<ContainerInstance> changed = instances.update(instanceKey, i ->
                i.agentConnected() && silent(i.agentLastSeenAt(), now) ? i.withAgent(false, i.agentLastSeenAt()) : i);
        changed.filter(i -> !i.agentConnected())
                .ifPresent(i -> LOG.info("agent of container instance {} disconnected", i.arn()));
    }

    private boolean silent(Instant lastSeen, Instant now) {
        return !now.isBefore(lastSeen.plus(settings.agentTimeout()));
    }
}
