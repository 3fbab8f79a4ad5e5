package berth.elb.proxy;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the proxy forwarded to one target group since the last read: requests, the targets' answers
 * by class, and the time from forwarding a request to the target's response headers.
 */
final class GroupTraffic {
    private final LongAdder requests = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder target2xx = new LongAdder();
    private final LongAdder target4xx = new LongAdder();
    private final LongAdder target5xx = new LongAdder();
    private final LongAdder responseNanos = new LongAdder();

    /** The counts since the last {@link #drain()}. */
    record Counts(long requests, long answered, long target2xx, long target4xx, long target5xx, long responseNanos) {}

    void forwarded() {
        requests.increment();
    }

    void answered(int status, long nanos) {
        answered.increment();
        responseNanos.add(nanos);
        if (status >= 500) target5xx.increment();
        else if (status >= 400) target4xx.increment();
        else if (status >= 200 && status < 300) target2xx.increment();
    }

    Counts drain() {
        return new Counts(requests.sumThenReset(), answered.sumThenReset(), target2xx.sumThenReset(),
                target4xx.sumThenReset(), target5xx.sumThenReset(), responseNanos.sumThenReset());
    }
}
