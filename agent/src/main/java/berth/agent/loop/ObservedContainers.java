package berth.agent.loop;

import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.Runtime;
import berth.agent.runtime.RuntimeFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's containers of one agent, kept current cheaply: a container is inspected again only
 * when an engine event or the agent's own action touched it, and the whole list is read again
 * periodically (and after the event stream dropped), so a missed event costs at most one period.
 */
final class ObservedContainers {

    private final Runtime runtime;
    private final Map<String, String> labels;
    private final Clock clock;
    private final Duration fullRefreshEvery;
    private final Map<String, ContainerObservation> byId = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private volatile boolean fullRefreshDue = true;
    private Instant lastFullRefresh = Instant.EPOCH;

    ObservedContainers(Runtime runtime, Map<String, String> labels, Clock clock, Duration fullRefreshEvery) {
        this.runtime = runtime;
        this.labels = Map.copyOf(labels);
        this.clock = clock;
        this.fullRefreshEvery = fullRefreshEvery;
    }

    void touched(String containerId) {
        dirty.add(containerId);
    }

    void forget(String containerId) {
        byId.remove(containerId);
        dirty.remove(containerId);
    }

    void refreshAll() {
        fullRefreshDue = true;
    }

    /** Brings the view up to date; throws {@link RuntimeFailure.EngineUnavailable} when the engine does not answer. */
    void refresh() {
        Instant now = clock.instant();
        if (fullRefreshDue || !now.isBefore(lastFullRefresh.plus(fullRefreshEvery))) {
            fullRefreshDue = false;
            dirty.clear();
            List<ContainerObservation> all = runtime.list(labels);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (ContainerObservation o : all) {
                byId.put(o.id(), o);
                seen.add(o.id());
            }
            byId.keySet().retainAll(seen);
            lastFullRefresh = now;
            return;
        }
        for (String id : new ArrayList<>(dirty)) {
            dirty.remove(id);
            try {
                ContainerObservation o = runtime.inspect(id);
                if (carries(o)) {
                    byId.put(o.id(), o);
                } else {
                    byId.remove(id);
                }
            } catch (RuntimeFailure.NotFound gone) {
                byId.remove(id);
            }
        }
    }

    private boolean carries(ContainerObservation o) {
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(o.labels().get(e.getKey())));
    }

    List<ContainerObservation> all() {
        return List.copyOf(byId.values());
    }
}
