package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.AccountSettings.Setting;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.VersionConflict;
import java.util.List;
import java.util.Optional;

/**
 * ECS account settings, kind {@code ecs.account-setting}, key {@code account/region/principal/name}
 * (principal empty for the account default).
 */
public final class AccountSettingRecords {
    public static final String KIND = "ecs.account-setting";

    private final RecordTable<Setting> table;

    public AccountSettingRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, Setting.class,
                s -> key(s.scope(), s.principalArn(), s.name()));
    }

    public Optional<Setting> find(Scope scope, String principalArn, String name) {
        return table.find(key(scope, principalArn, name)).map(RecordTable.Versioned::value);
    }

    /** The settings stored for one principal (empty text: the account defaults). */
    public List<Setting> of(Scope scope, String principalArn) {
        return table.list(scope.prefix()).stream()
                .filter(s -> s.principalArn().equals(principalArn)).toList();
    }

    public void put(Setting setting) {
        for (int attempt = 0; ; attempt++) {
            var current = table.find(table.keyOf(setting));
            try {
                table.save(setting, current.map(RecordTable.Versioned::version).orElse(Store.ABSENT));
                return;
            } catch (VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }

    public boolean delete(Scope scope, String principalArn, String name) {
        String key = key(scope, principalArn, name);
        var current = table.find(key);
        if (current.isEmpty()) {
            return false;
        }
        table.remove(key, current.get().version());
        return true;
    }

    private static String key(Scope scope, String principalArn, String name) {
        return scope.key(principalArn + "/" + name);
    }
}
