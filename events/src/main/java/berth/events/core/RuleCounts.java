package berth.events.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What EventBridge counts per rule for CloudWatch's {@code AWS/Events} namespace, summed over an
 * interval: MatchedEvents and TriggeredRules (an event matched the rule, or its schedule fired),
 * InvocationAttempts and SuccessfulInvocationAttempts, Invocations (a delivery that ended, delivered
 * or given up), FailedInvocations (given up) and DeadLetterInvocations (sent to the dead-letter queue).
 * {@link #drain} hands out each rule's counts with AWS's dimensions: {@code RuleName} for the default
 * bus's rules, {@code EventBusName} and {@code RuleName} for a custom bus's, and the account's totals
 * without dimensions.
 */
public final class RuleCounts {
    public enum Metric { MatchedEvents, TriggeredRules, InvocationAttempts, SuccessfulInvocationAttempts, Invocations,
        FailedInvocations, DeadLetterInvocations }

    /** The metrics AWS also totals per account (no dimensions). */
    private static final List<Metric> ACCOUNT_TOTALS = List.of(Metric.MatchedEvents, Metric.TriggeredRules, Metric.Invocations,
            Metric.FailedInvocations);

    private record Key(String accountId, String region, String bus, String rule) {}

    /** One summed count, in an account and region, with its dimensions. */
    public record Count(String accountId, String region, Metric metric, Map<String, String> dimensions, long sum, Instant at) {}

    private final Map<Key, LongAdder[]> counts = new ConcurrentHashMap<>();

    public void add(String accountId, String region, String bus, String rule, Metric metric) {
        counts.computeIfAbsent(new Key(accountId, region, bus, rule), k -> newAdders())[metric.ordinal()].increment();
    }

    /** The counts since the last drain, stamped {@code at}; rules without counts are left out, as AWS sends no zeros. */
    public List<Count> drain(Instant at) {
        List<Count> out = new ArrayList<>();
        Map<List<String>, long[]> totals = new LinkedHashMap<>();
        for (Map.Entry<Key, LongAdder[]> e : counts.entrySet()) {
            Key key = e.getKey();
            long[] sums = new long[Metric.values().length];
            boolean any = false;
            for (Metric m : Metric.values()) {
                sums[m.ordinal()] = e.getValue()[m.ordinal()].sumThenReset();
                any |= sums[m.ordinal()] > 0;
            }
            if (!any) continue;
            Map<String, String> dims = key.bus().equals(EventBus.DEFAULT) ? Map.of("RuleName", key.rule())
                    : Map.of("EventBusName", key.bus(), "RuleName", key.rule());
            long[] total = totals.computeIfAbsent(List.of(key.accountId(), key.region()), k -> new long[Metric.values().length]);
            for (Metric m : Metric.values()) {
                if (sums[m.ordinal()] == 0) continue;
                out.add(new Count(key.accountId(), key.region(), m, dims, sums[m.ordinal()], at));
                total[m.ordinal()] += sums[m.ordinal()];
            }
        }
        totals.forEach((scope, total) -> {
            for (Metric m : ACCOUNT_TOTALS) {
                if (total[m.ordinal()] > 0) out.add(new Count(scope.get(0), scope.get(1), m, Map.of(), total[m.ordinal()], at));
            }
        });
        counts.entrySet().removeIf(e -> {
            for (LongAdder a : e.getValue()) if (a.sum() > 0) return false;
            return true;
        });
        return out;
    }

    private static LongAdder[] newAdders() {
        LongAdder[] adders = new LongAdder[Metric.values().length];
        for (int i = 0; i < adders.length; i++) adders[i] = new LongAdder();
        return adders;
    }
}
