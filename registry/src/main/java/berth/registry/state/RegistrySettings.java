package berth.registry.state;

import berth.platform.RecordTable;
import berth.registry.core.RegistryPermissions;
import berth.registry.core.ScanningConfiguration;
import berth.store.Store;

import java.util.Optional;

/**
 * Registry-level settings in the store. A registry is one account in one region, so its settings
 * are keyed {@code account/region}:
 * <pre>
 * ecr.registry-policy        account/region                 {@link RegistryPermissions}
 * ecr.registry-scanning      account/region                 {@link ScanningConfiguration}
 * </pre>
 */
public final class RegistrySettings {
    public static final String POLICY = "ecr.registry-policy";
    public static final String SCANNING = "ecr.registry-scanning";

    private final Store store;
    private final RecordTable<RegistryPermissions> policies;
    private final RecordTable<ScanningConfiguration> scanning;

    public RegistrySettings(Store store) {
        this.store = store;
        this.policies = new RecordTable<>(store, POLICY, RegistryPermissions.class, p -> key(p.accountId(), p.region()));
        this.scanning = new RecordTable<>(store, SCANNING, ScanningConfiguration.class, s -> key(s.accountId(), s.region()));
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

    public Optional<RegistryPermissions> policy(String accountId, String region) {
        return policies.find(key(accountId, region)).map(RecordTable.Versioned::value);
    }

    /** The registry's scanning configuration; empty when it never had one (its repositories' own settings count). */
    public Optional<ScanningConfiguration> scanningConfiguration(String accountId, String region) {
        return scanning.find(key(accountId, region)).map(RecordTable.Versioned::value);
    }
}
