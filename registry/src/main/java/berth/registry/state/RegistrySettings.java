package berth.registry.state;

import berth.aws.Scope;
import berth.platform.RecordTable;
import berth.registry.core.ImageReplication;
import berth.registry.core.RegistryPermissions;
import berth.registry.core.ReplicationConfiguration;
import berth.registry.core.RepositoryId;
import berth.registry.core.ScanningConfiguration;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;

import java.util.List;
import java.util.Optional;

/**
 * Registry-level settings and the replications they cause, in the store. A registry is one account
 * in one region, so its settings are keyed {@code account/region}; an image replication is keyed by
 * its source image:
 * <pre>
 * ecr.registry-policy        account/region                 {@link RegistryPermissions}
 * ecr.registry-scanning      account/region                 {@link ScanningConfiguration}
 * ecr.registry-replication   account/region                 {@link ReplicationConfiguration}
 * ecr.image-replication      account/region/name@sha256:…   {@link ImageReplication}
 * </pre>
 */
public final class RegistrySettings {
    public static final String POLICY = "ecr.registry-policy";
    public static final String SCANNING = "ecr.registry-scanning";
    public static final String REPLICATION = "ecr.registry-replication";
    public static final String IMAGE_REPLICATION = "ecr.image-replication";

    private final Store store;
    private final RecordTable<RegistryPermissions> policies;
    private final RecordTable<ScanningConfiguration> scanning;
    private final RecordTable<ReplicationConfiguration> replication;
    private final RecordTable<ImageReplication> imageReplications;

    public RegistrySettings(Store store) {
        this.store = store;
        this.policies = new RecordTable<>(store, POLICY, RegistryPermissions.class, p -> key(p.scope()));
        this.scanning = new RecordTable<>(store, SCANNING, ScanningConfiguration.class, s -> key(s.scope()));
        this.replication = new RecordTable<>(store, REPLICATION, ReplicationConfiguration.class, r -> key(r.scope()));
        this.imageReplications = new RecordTable<>(store, IMAGE_REPLICATION, ImageReplication.class,
                r -> RegistryRecords.imageKey(r.source(), r.digest()));
    }

    /**
     * The key of a registry's own settings: its scope without the trailing separator
     * ({@code account/region}), as settings have been stored from the start.
     */
    private static String key(Scope scope) {
        return scope.accountId() + "/" + scope.region();
    }

    public Store store() {
        return store;
    }

    public Optional<RegistryPermissions> policy(Scope scope) {
        return policies.find(key(scope)).map(RecordTable.Versioned::value);
    }

    public void savePolicy(RegistryPermissions permissions) {
        policies.save(permissions, Store.ANY);
    }

    /** Deletes the registry's policy; empty when it has none. */
    public Optional<RegistryPermissions> deletePolicy(Scope scope) {
        for (int attempt = 1; ; attempt++) {
            Optional<RecordTable.Versioned<RegistryPermissions>> stored = policies.find(key(scope));
            if (stored.isEmpty()) return Optional.empty();
            try {
                policies.remove(key(scope), stored.get().version());
                return Optional.of(stored.get().value());
            } catch (VersionConflict conflict) {
                if (attempt >= 5) throw conflict;
            }
        }
    }

    /** The registry's scanning configuration; empty when it never had one (its repositories' own settings count). */
    public Optional<ScanningConfiguration> scanningConfiguration(Scope scope) {
        return scanning.find(key(scope)).map(RecordTable.Versioned::value);
    }

    public void saveScanning(ScanningConfiguration configuration) {
        scanning.save(configuration, Store.ANY);
    }

    /** The registry's replication configuration; one without rules when it never had one. */
    public ReplicationConfiguration replication(Scope scope) {
        return replication.find(key(scope)).map(RecordTable.Versioned::value)
                .orElseGet(() -> ReplicationConfiguration.none(scope));
    }

    public void saveReplication(ReplicationConfiguration configuration) {
        replication.save(configuration, Store.ANY);
    }

    public Optional<RecordTable.Versioned<ImageReplication>> imageReplication(RepositoryId source, String digest) {
        return imageReplications.find(RegistryRecords.imageKey(source, digest));
    }

    /** Every replication of images of the repository, for deleting them with it. */
    public List<ImageReplication> imageReplications(RepositoryId source) {
        return imageReplications.list(source.key() + "@");
    }

    /** Replications with a destination still in progress, at the versions read. */
    public List<RecordTable.Versioned<ImageReplication>> pendingReplications() {
        return imageReplications.listVersioned("").stream().filter(r -> r.value().pending()).toList();
    }

    public Write putImageReplication(ImageReplication replication, long expectedVersion) {
        return imageReplications.put(replication, expectedVersion);
    }

    public Write deleteImageReplication(RepositoryId source, String digest) {
        return imageReplications.delete(RegistryRecords.imageKey(source, digest), Store.ANY);
    }
}
