package berth.ecs.core.task;

import berth.aws.Scope;
import java.time.Instant;
import java.util.Objects;

/**
 * The hidden capacity that runs a cluster's Fargate tasks (kind {@code ecs.capacity}, key
 * {@code account/region/cluster}): the control plane registers it with the cluster's first Fargate
 * task; the Fargate runner's polls keep {@code agentConnected} and {@code agentLastSeenAt} current,
 * as an agent's polls do for a container instance.
 */
public record FargateCapacity(String accountId, String region, String cluster, boolean agentConnected,
                              Instant agentLastSeenAt, Instant registeredAt) {
    public FargateCapacity {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(agentLastSeenAt, "agentLastSeenAt");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    /** Capacity registered at {@code now}, not yet polled by a runner. */
    public static FargateCapacity registered(Scope scope, String cluster, Instant now) {
        return new FargateCapacity(scope.accountId(), scope.region(), cluster, false, now, now);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    /** The store key of this capacity: {@code account/region/cluster}. */
    public String key() {
        return scope().key(cluster);
    }

    public FargateCapacity withAgent(boolean connected, Instant seenAt) {
        return new FargateCapacity(accountId, region, cluster, connected, seenAt, registeredAt);
    }
}
