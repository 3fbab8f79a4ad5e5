package berth.secrets.ssm.state;

import berth.aws.Scope;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.secrets.keys.SealingKey;
import berth.secrets.ssm.core.Parameter;
import berth.store.Store;
import java.util.List;
import java.util.Optional;

/** Parameters in the store, sealed: kind {@code secrets.parameter}, key {@code account/region/name}. */
public final class ParameterRecords {
    public static final String KIND = "secrets.parameter";

    private final RecordTable<Parameter> table;
    private final SealingKey key;

    public ParameterRecords(Store store, SealingKey key) {
        this.table = new RecordTable<>(store, KIND, RecordJson.STANDARD.codec(Parameter.class).sealed(key::seal, key::open),
                p -> p.scope().key(p.name()));
        this.key = key;
    }

    public Optional<Versioned<Parameter>> find(Scope scope, String name) {
        return table.find(scope.key(name));
    }

    /** The parameters of one account and region whose names start with {@code namePrefix}, by name. */
    public List<Parameter> list(Scope scope, String namePrefix) {
        return table.list(scope.key(namePrefix));
    }

    /** @throws berth.store.VersionConflict when the stored version is no longer {@code expectedVersion} */
    public void save(Parameter parameter, long expectedVersion) {
        table.save(parameter, expectedVersion);
    }

    public void delete(Parameter parameter, long expectedVersion) {
        table.remove(table.keyOf(parameter), expectedVersion);
    }

    /** The ciphertext a SecureString version shows when read without decryption. */
    public String ciphertext(Parameter parameter, long version, String value) {
        return key.ciphertext(parameter.arn() + ":" + version, value);
    }
}
