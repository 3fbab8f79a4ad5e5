package berth.iam.state;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A read-through cache that {@link #invalidate()} empties at once. A value loaded while an
 * invalidation happened is not kept, so the cache never serves what a later commit replaced.
 * Absent values are not cached: unknown keys cost a store read each time and cannot fill the cache.
 */
final class GenerationCache<K, V> {
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;

    GenerationCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    Optional<V> get(K key, Function<K, Optional<V>> loader) {
        V cached = entries.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = generation.get();
        Optional<V> loaded = loader.apply(key);
        if (loaded.isPresent()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, loaded.get());
            if (generation.get() != seen) {
                entries.remove(key, loaded.get());
            }
        }
        return loaded;
    }

    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
