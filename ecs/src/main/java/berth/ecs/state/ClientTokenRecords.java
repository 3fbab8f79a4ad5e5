package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.task.ClientToken;
import berth.platform.RecordTable.Versioned;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.util.List;
import java.util.Optional;

/** RunTask client tokens, kind {@code ecs.clienttoken}, key {@code account/region/cluster/token}. */
public final class ClientTokenRecords {
    public static final String KIND = "ecs.clienttoken";

    private final RecordTable<ClientToken> table;

    public ClientTokenRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, ClientToken.class, ClientToken::key);
    }

    public Optional<Versioned<ClientToken>> find(Scope scope, String cluster, String token) {
        return table.find(scope.key(cluster + "/" + token));
    }

    public List<ClientToken> all() {
        return table.list("");
    }

    public void forget(String key) {
        table.remove(key, Store.ANY);
    }

    Write put(ClientToken token, long expectedVersion) {
        return table.put(token, expectedVersion);
    }
}
