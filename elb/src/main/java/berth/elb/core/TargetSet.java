package berth.elb.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The targets of one target group, and the decisions that change them: registration,
 * deregistration (to draining) and the end of draining. Pure: time comes in as {@code now}.
 */
public record TargetSet(List<RegisteredTarget> targets) {
    public static final int MAX_TARGETS = 1000;
    public static final TargetSet EMPTY = new TargetSet(List.of());

    public TargetSet {
        targets = List.copyOf(targets);
    }

    public Optional<RegisteredTarget> find(TargetKey key) {
        return targets.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    /**
     * Registers {@code keys}: new ones become active; a draining one becomes active again (AWS
     * cancels its deregistration); an active one is left as it is.
     */
    public TargetSet register(List<TargetKey> keys, Map<TargetKey, String> zones, Instant now) {
        Map<TargetKey, RegisteredTarget> byKey = byKey();
        for (TargetKey key : keys) {
            RegisteredTarget existing = byKey.get(key);
            if (existing == null || existing.draining()) {
                String zone = existing != null ? existing.availabilityZone() : zones.getOrDefault(key, "");
                byKey.put(key, new RegisteredTarget(key.id(), key.port(), zone, RegisteredTarget.Registration.ACTIVE, now));
            }
        }
        if (byKey.size() > MAX_TARGETS) {
            throw ElbError.TOO_MANY_TARGETS.exception("You've reached the limit on the number of targets registered to"
                    + " a target group, which is " + MAX_TARGETS);
        }
        return new TargetSet(new ArrayList<>(byKey.values()));
    }

    /**
     * Starts draining {@code keys}; with a zero delay they leave at once. Keys not registered are
     * ignored, as AWS ignores them.
     */
    public TargetSet deregister(List<TargetKey> keys, Duration delay, Instant now) {
        Map<TargetKey, RegisteredTarget> byKey = byKey();
        for (TargetKey key : keys) {
            RegisteredTarget existing = byKey.get(key);
            if (existing == null || existing.draining()) continue;
            if (delay.isZero()) {
                byKey.remove(key);
            } else {
                byKey.put(key, new RegisteredTarget(key.id(), key.port(), existing.availabilityZone(),
                        RegisteredTarget.Registration.DRAINING, now));
            }
        }
        return new TargetSet(new ArrayList<>(byKey.values()));
    }

    /** Without the draining targets whose delay has passed by {@code now}. */
    public TargetSet expireDraining(Duration delay, Instant now) {
        List<RegisteredTarget> kept = targets.stream()
                .filter(t -> !t.draining() || t.since().plus(delay).isAfter(now)).toList();
        return kept.size() == targets.size() ? this : new TargetSet(kept);
    }

    /** When the next draining target leaves; empty when none drains. */
    public Optional<Instant> nextDrainEnd(Duration delay) {
        return targets.stream().filter(RegisteredTarget::draining).map(t -> t.since().plus(delay)).min(Instant::compareTo);
    }

    private Map<TargetKey, RegisteredTarget> byKey() {
        Map<TargetKey, RegisteredTarget> byKey = new LinkedHashMap<>();
        targets.forEach(t -> byKey.put(t.key(), t));
        return byKey;
    }
}
