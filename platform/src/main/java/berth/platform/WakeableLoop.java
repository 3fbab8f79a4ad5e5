package berth.platform;

import berth.store.Store;
import berth.store.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A level-triggered control loop: one thread that runs a pass when a record of a watched kind
 * changes, when {@link #wake()} is called, or when the deadline the last pass returned falls due,
 * with at least {@code minGap} between passes so a burst of changes costs one pass. Since each pass
 * re-reads what it needs, a missed change or a restart only delays convergence to the next pass.
 */
public final class WakeableLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WakeableLoop.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final String name;
    private final Store store;
    private final Clock clock;
    private final List<String> kinds;
    private final Duration minGap;
    /** One pass; returns when the next one is due if nothing changes. */
    private final Supplier<Instant> pass;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Object signal = new Object();
    private boolean dirty = true;
    private volatile boolean running;
    private Thread thread;

    public WakeableLoop(String name, Store store, Clock clock, List<String> kinds, Duration minGap, Supplier<Instant> pass) {
        this.name = name;
        this.store = store;
        this.clock = clock;
        this.kinds = List.copyOf(kinds);
        this.minGap = minGap;
        this.pass = pass;
    }

    public void start() {
        running = true;
        for (String kind : kinds) {
            subscriptions.add(store.watchKind(kind, c -> wake()));
        }
        thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    public void wake() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    private void run() {
        Instant nextDeadline = clock.instant();
        while (running) {
            try {
                waitForWork(nextDeadline);
                if (!running) {
                    return;
                }
                nextDeadline = pass.get();
                Thread.sleep(minGap.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("{} pass failed; retrying", name, e);
                nextDeadline = clock.instant().plus(RETRY_AFTER_FAILURE);
            }
        }
    }

    /** Waits for a change or the deadline; the wait is measured on the monotonic clock. */
    private void waitForWork(Instant deadline) throws InterruptedException {
        long until = System.nanoTime() + Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
        synchronized (signal) {
            while (running && !dirty) {
                long millis = (until - System.nanoTime()) / 1_000_000;
                if (millis <= 0) {
                    break;
                }
                signal.wait(millis);
            }
            dirty = false;
        }
    }

    @Override
    public void close() {
        running = false;
        subscriptions.forEach(Subscription::close);
        wake();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
