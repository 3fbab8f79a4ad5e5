package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.task.ClientToken;
import berth.store.Store;
import berth.store.Write;
import java.util.List;
import java.util.Optional;

/** RunTask client tokens, kind {@code ecs.clienttoken}, key {@code account/region/cluster/token}. */
public final class ClientTokenRecords {
    public static final String KIND = "ecs.clienttoken";

    private final Store store;

    public ClientTokenRecords(Store store) {
        this.store = store;
    }

    public record Versioned(ClientToken token, long version) {}

    public Optional<Versioned> find(Scope scope, String cluster, String token) {
        return store.get(KIND, scope.key(cluster + "/" + token))
                .map(r -> new Versioned(Records.read(r.value(), ClientToken.class), r.version()));
    }

    public List<ClientToken> all() {
        return store.list(KIND, "").stream().map(r -> Records.read(r.value(), ClientToken.class)).toList();
    }

    public void forget(String key) {
        store.delete(KIND, key, Store.ANY);
    }

    static Write write(ClientToken token, long expectedVersion) {
        return Write.put(KIND, token.key(), Records.write(token), expectedVersion);
    }
}
