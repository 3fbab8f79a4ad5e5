package berth.e2e.ecs.tasks;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for the control plane to reach a state, polling its public API. */
final class Waits {
    private Waits() {}

    static <T> T until(Supplier<T> read, java.util.function.Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = read.get();
        }
        return last;
    }
}
