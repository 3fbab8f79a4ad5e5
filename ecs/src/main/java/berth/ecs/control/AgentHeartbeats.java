package berth.ecs.control;

import berth.aws.Scope;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.task.FargateCapacity;
import berth.ecs.state.CapacityRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every poll of the assignments endpoint is its agent's heartbeat. The instance (or the Fargate
 * capacity) is written only when that changes what it says: the agent was disconnected, or its last
 * sighting is older than {@link #refreshInterval} (at most 10 s, and a third of the agent timeout so a
 * polling agent never looks silent). Between writes a poll costs one read.
 */
final class AgentHeartbeats {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHeartbeats.class);

    private final ContainerInstanceRecords instances;
    private final CapacityRecords capacities;
    private final Clock clock;
    private final Duration refreshInterval;

    AgentHeartbeats(Store store, Clock clock, Duration agentTimeout) {
        this.instances = new ContainerInstanceRecords(store);
        this.capacities = new CapacityRecords(store);
        this.clock = clock;
        Duration third = agentTimeout.dividedBy(3);
        this.refreshInterval = third.compareTo(Duration.ofSeconds(10)) < 0 ? third : Duration.ofSeconds(10);
    }

    /** Records that the agent of {@code instance} polled now, if the record needs it. */
    void seen(ContainerInstance instance) {
        Instant now = clock.instant();
        if (!instance.registered() || !stale(instance.agentConnected(), instance.agentLastSeenAt(), now)) {
            return;
        }
        instances.update(instance.scope(), instance.cluster(), instance.id(), i ->
                i.registered() && stale(i.agentConnected(), i.agentLastSeenAt(), now) ? i.withAgent(true, now) : i);
        if (!instance.agentConnected()) {
            LOG.info("agent of container instance {} connected", instance.arn());
        }
    }

    /** Records that the Fargate runner of {@code scope} polled now, for every cluster's capacity. */
    void fargateSeen(Scope scope) {
        Instant now = clock.instant();
        for (FargateCapacity capacity : capacities.list(scope)) {
            if (stale(capacity.agentConnected(), capacity.agentLastSeenAt(), now)) {
                capacities.update(capacity.key(), c -> stale(c.agentConnected(), c.agentLastSeenAt(), now)
                        ? c.withAgent(true, now) : c);
                if (!capacity.agentConnected()) {
                    LOG.info("Fargate runner of {}/{} connected for cluster {}", scope.accountId(), scope.region(),
                            capacity.cluster());
                }
            }
        }
    }

    private boolean stale(boolean connected, Instant lastSeen, Instant now) {
        return !connected || !now.isBefore(lastSeen.plus(refreshInterval));
    }
}
