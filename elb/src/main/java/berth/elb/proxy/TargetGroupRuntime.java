package berth.elb.proxy;

import berth.elb.core.Algorithm;
import berth.elb.core.RegisteredTarget;
import berth.elb.core.TargetChoice;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetKey;
import berth.elb.core.TargetSet;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A target group in use by a listener, as the data plane holds it between configuration changes:
 * its backends (kept across changes, with their health and in-flight counts) and the array of
 * those eligible for new traffic, recomputed when health or membership changes.
 */
final class TargetGroupRuntime {
    private static final Backend[] NONE = new Backend[0];

    final String arn;
    final GroupTraffic traffic = new GroupTraffic();
    private volatile TargetGroup group;
    private volatile Map<TargetKey, Backend> backends = Map.of();
    private volatile Map<String, Backend> byStickyToken = Map.of();
    private volatile Backend[] eligible = NONE;
    private final AtomicInteger next = new AtomicInteger();

    TargetGroupRuntime(TargetGroup group) {
        this.arn = group.arn();
        this.group = group;
    }

    TargetGroup group() {
        return group;
    }

    /** Adopts the group's current configuration and targets, keeping the backends that remain. */
    synchronized void update(TargetGroup changed, TargetSet targets, Function<RegisteredTarget, InetSocketAddress> address) {
        group = changed;
        Map<TargetKey, Backend> before = backends;
        Map<TargetKey, Backend> after = new HashMap<>();
        Map<String, Backend> tokens = new HashMap<>();
        for (RegisteredTarget t : targets.targets()) {
            InetSocketAddress resolved = address.apply(t);
            Backend b = before.get(t.key());
            if (b == null || !b.address.equals(resolved)) {
                b = new Backend(t.key(), t.availabilityZone(), resolved, stickyToken(changed, t.key()), traffic);
            }
            b.draining = t.draining();
            after.put(t.key(), b);
            tokens.put(b.stickyToken, b);
        }
        backends = Map.copyOf(after);
        byStickyToken = Map.copyOf(tokens);
        recomputeEligible();
    }

    /** Re-derives the eligible backends after a health change; fails open when none is healthy. */
    synchronized void recomputeEligible() {
        List<Backend> active = new ArrayList<>();
        for (Backend b : backends.values()) {
            if (!b.draining && b.reachable()) active.add(b);
        }
        active.sort((a, b) -> a.key.toString().compareTo(b.key.toString()));
        eligible = TargetChoice.eligible(active, Backend::healthy).toArray(NONE);
    }

    Map<TargetKey, Backend> backends() {
        return backends;
    }

    boolean hasEligible() {
        return eligible.length > 0;
    }

    /** The backend for a new request: round robin, or the one with fewest outstanding requests; null when none. */
    Backend pick() {
        Backend[] candidates = eligible;
        int n = candidates.length;
        if (n == 0) return null;
        if (n == 1) return candidates[0];
        int start = (next.getAndIncrement() & Integer.MAX_VALUE) % n;
        if (group.attributes().algorithm() != Algorithm.LEAST_OUTSTANDING_REQUESTS) return candidates[start];
        Backend best = candidates[start];
        int bestLoad = best.inFlight.get();
        for (int i = 1; i < n && bestLoad > 0; i++) {
            Backend b = candidates[(start + i) % n];
            int load = b.inFlight.get();
            if (load < bestLoad) {
                best = b;
                bestLoad = load;
            }
        }
        return best;
    }

    /** The backend an AWSALB cookie names, if it is still eligible; null otherwise. */
    Backend sticky(String token) {
        Backend b = byStickyToken.get(token);
        if (b == null) return null;
        for (Backend e : eligible) {
            if (e == b) return b;
        }
        return null;
    }

    /** A backend for a client address hashed (network load balancers' source_ip stickiness); null when none. */
    Backend bySourceHash(int hash) {
        Backend[] candidates = eligible;
        return candidates.length == 0 ? null : candidates[(hash & Integer.MAX_VALUE) % candidates.length];
    }

    private static String stickyToken(TargetGroup group, TargetKey key) {
        String raw = group.id() + "/" + key.id() + "/" + key.port();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
