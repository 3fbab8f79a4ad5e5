package berth.s3;

import berth.s3.state.S3Records;
import berth.store.Store;
import berth.store.Subscription;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of every bucket, in memory, for telling S3's requests apart on the event loop without a
 * store read: filled from the store, kept current by a watch, and refilled on every refresh (a watch
 * of a server-backed store may miss changes).
 */
final class BucketNameCache implements AutoCloseable {
    private final S3Records records;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Subscription watch;

    BucketNameCache(Store store, S3Records records) {
        this.records = records;
        this.watch = store.watchKind(S3Records.BUCKETS, change -> {
            if (change.record().deleted()) names.remove(change.record().key());
            else names.add(change.record().key());
        });
        refresh();
    }

    void refresh() {
        Set<String> current = ConcurrentHashMap.newKeySet();
        records.buckets().forEach(b -> current.add(b.name()));
        names.retainAll(current);
        names.addAll(current);
    }

    Set<String> names() {
        return names;
    }

    @Override
    public void close() {
        watch.close();
    }
}
