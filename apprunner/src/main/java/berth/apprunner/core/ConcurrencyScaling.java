package berth.apprunner.core;

import java.time.Duration;
import java.time.Instant;

/**
 * How many instances a service wants for the requests it is serving: enough that none serves more
 * than {@code maxConcurrency} at once, within {@code minSize..maxSize}. More instances are wanted at
 * once; fewer only after the load has wanted fewer for {@code scaleInDelay} without a break, so a
 * dip between two bursts does not stop instances that are needed again a moment later.
 */
public final class ConcurrencyScaling {
    private ConcurrencyScaling() {}

    /** The decision: the instance count to run, and since when the load has wanted fewer (null: it does not). */
    public record Decision(int desired, Instant lowSince) {}

    public static int wanted(int inFlight, int maxConcurrency, int minSize, int maxSize) {
        int needed = inFlight <= 0 ? 0 : (inFlight + maxConcurrency - 1) / maxConcurrency;
        return Math.max(minSize, Math.min(maxSize, needed));
    }

    public static Decision decide(int current, int inFlight, AutoScaling config, Instant lowSince, Instant now,
                                  Duration scaleInDelay) {
        int wanted = wanted(inFlight, config.maxConcurrency(), config.minSize(), config.maxSize());
        int bounded = Math.max(config.minSize(), Math.min(config.maxSize(), current));
        if (wanted >= bounded) return new Decision(wanted, null);
        Instant since = lowSince == null ? now : lowSince;
        if (Duration.between(since, now).compareTo(scaleInDelay) >= 0) {
            // one step at a time towards what the load wants, restarting the delay
            return new Decision(Math.max(wanted, bounded - 1), wanted == bounded - 1 ? null : now);
        }
        return new Decision(bounded, since);
    }
}
