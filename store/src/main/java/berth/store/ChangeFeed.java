package berth.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out of committed changes to a store's watchers on one delivery thread: listeners see changes
 * in publication order, and a listener may commit to the store without deadlocking it (delivery
 * never runs on a thread the store's writes wait for).
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final String threadName;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<List<Change>> pending = new LinkedBlockingQueue<>();
    private Thread delivery;
    private boolean closed;

    public ChangeFeed(String threadName) {
        this.threadName = threadName;
    }

    public synchronized Subscription subscribe(String kindPrefix, Consumer<Change> listener) {
        if (kindPrefix == null) throw new IllegalArgumentException("kindPrefix is required (empty for all kinds)");
        if (listener == null) throw new IllegalArgumentException("listener is required");
        if (closed) throw new StoreFailure("store is closed");
        if (delivery == null) {
            delivery = Thread.ofPlatform().name(threadName).daemon().start(this::deliverUntilClosed);
        }
        Watcher watcher = new Watcher(kindPrefix, listener);
        watchers.add(watcher);
        return () -> {
            watcher.active = false;
            watchers.remove(watcher);
        };
    }

    /** Whether some watcher would receive a change to a record of {@code kind}. */
    public boolean wanted(String kind) {
        for (Watcher watcher : watchers) {
            if (kind.startsWith(watcher.kindPrefix)) return true;
        }
        return false;
    }

    /** Queues changes for delivery, in order; returns at once. */
    public void publish(List<Change> changes) {
        if (changes.isEmpty() || watchers.isEmpty()) return;
        pending.add(List.copyOf(changes));
    }

    @Override
    public synchronized void close() {
        closed = true;
        watchers.clear();
        if (delivery != null) delivery.interrupt();
    }

    private void deliverUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (Change change : pending.take()) {
                    for (Watcher watcher : watchers) {
                        watcher.offer(change);
                    }
                }
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Watcher {
        final String kindPrefix;
        final Consumer<Change> listener;
        volatile boolean active = true;

        Watcher(String kindPrefix, Consumer<Change> listener) {
            this.kindPrefix = kindPrefix;
            this.listener = listener;
        }

        void offer(Change change) {
            if (!active || !change.record().kind().startsWith(kindPrefix)) return;
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // A failing listener must not stop delivery to the others.
                log.warn("store watcher for kind prefix '{}' failed on {}/{}", kindPrefix,
                        change.record().kind(), change.record().key(), e);
            }
        }
    }
}
