package berth.secrets.manager.state;

import berth.secrets.keys.SealingKey;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.core.SecretNames;
import berth.store.Store;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Secrets in the store, sealed: kind {@code secrets.secret}, key {@code account/region/name}. */
public final class SecretRecords {
    public static final String KIND = "secrets.secret";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Store store;
    private final SealingKey key;

    public SecretRecords(Store store, SealingKey key) {
        this.store = store;
        this.key = key;
    }

    public record Versioned(Secret secret, long version) {}

    public Optional<Versioned> find(String account, String region, String name) {
        return store.get(KIND, key(account, region, name)).map(r -> new Versioned(read(r.value()), r.version()));
    }

    /** The secrets of one account and region, by name. */
    public List<Secret> list(String account, String region) {
        return store.list(KIND, account + "/" + region + "/").stream().map(r -> read(r.value())).toList();
    }

    /** Every secret, for the loop that deletes secrets whose recovery window has passed. */
    public List<Versioned> all() {
        return store.list(KIND, "").stream().map(r -> new Versioned(read(r.value()), r.version())).toList();
    }

    /**
     * The secret a SecretId (name, full ARN or partial ARN) names in {@code account}/{@code region};
     * an ARN of another account or region names none there.
     */
    public Optional<Versioned> findById(String secretId, String account, String region) {
        Optional<SecretNames.SecretId> id = SecretNames.parse(secretId, account, region);
        if (id.isEmpty() || !id.get().accountId().equals(account) || !id.get().region().equals(region)) {
            return Optional.empty();
        }
        SecretNames.SecretId ref = id.get();
        Optional<Versioned> byName = find(account, region, ref.name());
        if (byName.isPresent() && (ref.exactArn().isEmpty() || byName.get().secret().arn().equals(ref.exactArn()))) {
            return byName;
        }
        if (!ref.alternativeName().isEmpty()) return find(account, region, ref.alternativeName());
        return Optional.empty();
    }

    /** The secret a full ARN names, in the ARN's own account and region. */
    public Optional<Versioned> findByArn(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length != 7 || !parts[2].equals("secretsmanager")) {
            return Optional.empty();
        }
        return findById(arn, parts[4], parts[3]);
    }

    /** @throws berth.store.VersionConflict when the stored version is no longer {@code expectedVersion} */
    public void save(Secret secret, long expectedVersion) {
        store.put(KIND, key(secret.accountId(), secret.region(), secret.name()), write(secret), expectedVersion);
    }

    public void delete(Secret secret, long expectedVersion) {
        store.delete(KIND, key(secret.accountId(), secret.region(), secret.name()), expectedVersion);
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    private byte[] write(Secret secret) {
        try {
            return key.seal(JSON.writeValueAsBytes(secret));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Secret read(byte[] bytes) {
        try {
            return JSON.readValue(key.open(bytes), Secret.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt secret record", e);
        }
    }
}
