package berth.ecs.api;

import berth.aws.Scope;
import berth.ecs.core.Cluster;
import berth.ecs.core.EcsArns;
import berth.ecs.state.ClusterRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.util.Optional;
import java.util.regex.Pattern;

/** How requests name clusters and container instances, looked up in the scope of the request. */
final class ClusterLookup {
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");

    private final ClusterRecords clusters;

    ClusterLookup(Store store) {
        this.clusters = new ClusterRecords(store);
    }

    /** The ACTIVE cluster a request's {@code cluster} member names ({@code default} when absent). */
    Cluster activeCluster(Scope scope, String nameOrArn) {
        String name = nameOrArn == null || nameOrArn.isEmpty() ? ClusterApi.DEFAULT_CLUSTER
                : EcsArns.clusterName(nameOrArn);
        if (nameOrArn != null && nameOrArn.startsWith("arn:") && !nameOrArn.equals(EcsArns.cluster(scope, name))) {
            throw EcsErrors.clusterNotFound();
        }
        return clusters.find(scope, name)
                .map(Versioned::value)
                .filter(Cluster::active)
                .orElseThrow(EcsErrors::clusterNotFound);
    }

    /**
     * The id of the container instance {@code idOrArn} names in {@code cluster}: a bare id or an ARN
     * ({@code container-instance/CLUSTER/ID}, or the old {@code container-instance/ID}). Empty when it
     * cannot name an instance of that cluster.
     */
    static Optional<String> instanceId(Cluster cluster, String idOrArn) {
        if (idOrArn == null) {
            return Optional.empty();
        }
        if (!idOrArn.startsWith("arn:")) {
            return INSTANCE_ID.matcher(idOrArn).matches() ? Optional.of(idOrArn) : Optional.empty();
        }
        String prefix = EcsArns.containerInstancePrefix(cluster.scope());
        if (!idOrArn.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = idOrArn.substring(prefix.length()).split("/");
        if (parts.length == 2 && parts[0].equals(cluster.name()) && INSTANCE_ID.matcher(parts[1]).matches()) {
            return Optional.of(parts[1]);
        }
        if (parts.length == 1 && INSTANCE_ID.matcher(parts[0]).matches()) {
            return Optional.of(parts[0]);
        }
        return Optional.empty();
    }
}
