package berth.e2e;

import berth.e2e.ecs.TaskRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on observed state: read until the value is done, or fail naming what was awaited and the last value seen. */
public final class Await {
    private Await() {}

    public static <T> T until(Supplier<T> read, Predicate<T> done, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("not " + what + " within " + timeout + "; last: " + value);
            TaskRuns.sleep(Duration.ofMillis(250));
            value = read.get();
        }
        return value;
    }
}
