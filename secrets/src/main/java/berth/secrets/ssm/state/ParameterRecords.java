package berth.secrets.ssm.state;

import berth.secrets.keys.SealingKey;
import berth.secrets.ssm.core.Parameter;
import berth.store.Store;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Parameters in the store, sealed: kind {@code secrets.parameter}, key {@code account/region/name}. */
public final class ParameterRecords {
    public static final String KIND = "secrets.parameter";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Store store;
    private final SealingKey key;

    public ParameterRecords(Store store, SealingKey key) {
        this.store = store;
        this.key = key;
    }

    public record Versioned(Parameter parameter, long version) {}

    public Optional<Versioned> find(String account, String region, String name) {
        return store.get(KIND, key(account, region, name)).map(r -> new Versioned(read(r.value()), r.version()));
    }

    /** The parameters of one account and region whose names start with {@code namePrefix}, by name. */
    public List<Parameter> list(String account, String region, String namePrefix) {
        return store.list(KIND, key(account, region, namePrefix)).stream().map(r -> read(r.value())).toList();
    }

    /** @throws berth.store.VersionConflict when the stored version is no longer {@code expectedVersion} */
    public void save(Parameter parameter, long expectedVersion) {
        store.put(KIND, key(parameter.accountId(), parameter.region(), parameter.name()), write(parameter), expectedVersion);
    }

    public void delete(Parameter parameter, long expectedVersion) {
        store.delete(KIND, key(parameter.accountId(), parameter.region(), parameter.name()), expectedVersion);
    }

    /** The ciphertext a SecureString version shows when read without decryption. */
    public String ciphertext(Parameter parameter, long version, String value) {
        return key.ciphertext(parameter.arn() + ":" + version, value);
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    private byte[] write(Parameter parameter) {
        try {
            return key.seal(JSON.writeValueAsBytes(parameter));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Parameter read(byte[] bytes) {
        try {
            return JSON.readValue(key.open(bytes), Parameter.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt parameter record", e);
        }
    }
}
