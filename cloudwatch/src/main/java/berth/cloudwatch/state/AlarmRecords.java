package berth.cloudwatch.state;

import berth.aws.Scope;
import berth.cloudwatch.core.Alarm;
import berth.cloudwatch.core.AlarmHistoryItem;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alarms, kind {@code cloudwatch.alarm}, key {@code account/region/name}; their history, kind
 * {@code cloudwatch.alarm-history}, key {@code account/region/name/sequence(19)}. A state change
 * and its history item are one commit.
 */
public final class AlarmRecords {
    public static final String KIND = "cloudwatch.alarm";
    public static final String HISTORY_KIND = "cloudwatch.alarm-history";

    private final Store store;
    private final RecordTable<Alarm> alarms;
    private final RecordTable<AlarmHistoryItem> history;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    public AlarmRecords(Store store) {
        this.store = store;
        this.alarms = new RecordTable<>(store, KIND, Alarm.class, a -> a.scope().key(a.name()));
        this.history = RecordTable.keyedByOwner(store, HISTORY_KIND, RecordJson.STANDARD.codec(AlarmHistoryItem.class));
    }

    public Optional<Versioned<Alarm>> find(Scope scope, String name) {
        return alarms.find(scope.key(name));
    }

    public List<Alarm> list(Scope scope) {
        return alarms.list(scope.prefix());
    }

    public List<Versioned<Alarm>> all() {
        return alarms.listVersioned("");
    }

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** Writes {@code alarm} (compare-and-set) with history items, in one commit. */
    public void save(Alarm alarm, long expectedVersion, List<AlarmHistoryItem> items) {
        List<Write> writes = new ArrayList<>();
        writes.add(alarms.put(alarm, expectedVersion));
        items.forEach(i -> writes.add(history.put(historyKey(i), i, Store.ANY)));
        store.commit(writes);
    }

    public void delete(Alarm alarm, long expectedVersion) {
        List<Write> writes = new ArrayList<>();
        writes.add(alarms.delete(alarm.scope().key(alarm.name()), expectedVersion));
        store.commit(writes);
    }

    /** History items of one alarm, or of every alarm of the scope when {@code name} is empty, oldest first. */
    public List<RecordTable.Keyed<AlarmHistoryItem>> history(Scope scope, String name) {
        return history.listKeyed(name.isEmpty() ? scope.prefix() : scope.key(name) + "/");
    }

    public void deleteHistory(List<String> keys) {
        if (!keys.isEmpty()) {
            store.commit(keys.stream().map(k -> history.delete(k, Store.ANY)).toList());
        }
    }

    private static String historyKey(AlarmHistoryItem item) {
        return new Scope(item.accountId(), item.region()).key(item.alarmName()) + "/" + String.format("%019d", item.sequence());
    }
}
