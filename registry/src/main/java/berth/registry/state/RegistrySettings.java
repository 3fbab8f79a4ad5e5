package berth.registry.state;

import berth.platform.RecordTable;
import berth.registry.core.ImageReplication;
import berth.registry.core.RegistryPermissions;
import berth.registry.core.ReplicationConfiguration;
import berth.registry.core.RepositoryId;
import berth.registry.core.ScanningConfiguration;
import berth.store.Store;

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
        this.policies = new RecordTable<>(store, POLICY, RegistryPermissions.class, p -> key(p.accountId(), p.region()));
        this.scanning = new RecordTable<>(store, SCANNING, ScanningConfiguration.class, s -> key(s.accountId(), s.region()));
        this.replication = new RecordTable<>(store, REPLICATION, ReplicationConfiguration.class,
                r -> key(r.accountId(), r.region()));
        this.imageReplications = new RecordTable<>(store, IMAGE_REPLICATION, ImageReplication.class, ImageReplication::key);
    }

    public static String key(String accountId, String region) {
        return accountId + "/" + region;
    }

    public Store store() {
        return store;
    }

    public RecordTable<RegistryPermissions> policies() {
        return policies;
    }

    public RecordTable<ScanningConfiguration> scanning() {
        return scanning;
    }

    public RecordTable<ImageReplication> imageReplications() {
        return imageReplications;
    }

    public Optional<RegistryPermissions> policy(String accountId, String region) {
        return policies.find(key(accountId, region)).map(RecordTable.Versioned::value);
    }

    /** The registry's scanning configuration; empty when it never had one (its repositories' own settings count). */
    public Optional<ScanningConfiguration> scanningConfiguration(String accountId, String region) {
        return scanning.find(key(accountId, region)).map(RecordTable.Versioned::value);
    }

    /** The registry's replication configuration; one without rules when it never had one. */
    public ReplicationConfiguration replication(String accountId, String region) {
        return replication.find(key(accountId, region)).map(RecordTable.Versioned::value)
                .orElseGet(() -> ReplicationConfiguration.none(accountId, region));
    }

    public void saveReplication(ReplicationConfiguration configuration) {
        replication.save(configuration, Store.ANY);
    }

    public Optional<RecordTable.Versioned<ImageReplication>> imageReplication(RepositoryId source, String digest) {
        return imageReplications.find(source.key() + "@" + digest);
    }

    /** Every replication of images of the repository, for deleting them with it. */
    public List<ImageReplication> imageReplications(RepositoryId source) {
        return imageReplications.list(source.key() + "@");
    }

    /** Replications with a destination still in progress, at the versions read. */
    public List<RecordTable.Versioned<ImageReplication>> pendingReplications() {
        return imageReplications.listVersioned("").stream().filter(r -> r.value().pending()).toList();
    }
}
