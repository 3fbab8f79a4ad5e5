package berth.secrets.manager.state;

import berth.aws.Scope;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.secrets.keys.SealingKey;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.core.SecretNames;
import berth.store.Store;
import java.util.List;
import java.util.Optional;

/** Secrets in the store, sealed: kind {@code secrets.secret}, key {@code account/region/name}. */
public final class SecretRecords {
    public static final String KIND = "secrets.secret";

    private final RecordTable<Secret> table;

    public SecretRecords(Store store, SealingKey key) {
        this.table = new RecordTable<>(store, KIND, RecordJson.STANDARD.codec(Secret.class).sealed(key::seal, key::open),
                s -> s.scope().key(s.name()));
    }

    public Optional<Versioned<Secret>> find(Scope scope, String name) {
        return table.find(scope.key(name));
    }

    /** The secrets of one account and region, by name. */
    public List<Secret> list(Scope scope) {
        return table.list(scope.prefix());
    }

    /** Every secret, for the loop that deletes secrets whose recovery window has passed. */
    public List<Versioned<Secret>> all() {
        return table.listVersioned("");
    }

    /**
     * The secret a SecretId (name, full ARN or partial ARN) names in {@code scope}; an ARN of another
     * account or region names none there.
     */
    public Optional<Versioned<Secret>> findById(String secretId, Scope scope) {
        Optional<SecretNames.SecretId> id = SecretNames.parse(secretId, scope);
        if (id.isEmpty() || !id.get().scope().equals(scope)) {
            return Optional.empty();
        }
        SecretNames.SecretId ref = id.get();
        Optional<Versioned<Secret>> byName = find(scope, ref.name());
        if (byName.isPresent() && (ref.exactArn().isEmpty() || byName.get().value().arn().equals(ref.exactArn()))) {
            return byName;
        }
        if (!ref.alternativeName().isEmpty()) return find(scope, ref.alternativeName());
        return Optional.empty();
    }

    /** The secret a full ARN names, in the ARN's own account and region. */
    public Optional<Versioned<Secret>> findByArn(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length != 7 || !parts[2].equals("secretsmanager")) {
            return Optional.empty();
        }
        return findById(arn, new Scope(parts[4], parts[3]));
    }

    /** @throws berth.store.VersionConflict when the stored version is no longer {@code expectedVersion} */
    public void save(Secret secret, long expectedVersion) {
        table.save(secret, expectedVersion);
    }

    public void delete(Secret secret, long expectedVersion) {
        table.remove(table.keyOf(secret), expectedVersion);
    }
}
