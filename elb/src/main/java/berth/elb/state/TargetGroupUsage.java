package berth.elb.state;

import berth.aws.Scope;
import berth.elb.core.Action;
import berth.elb.core.Listener;
import berth.elb.core.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which load balancers each target group receives traffic from, through listener and rule actions. */
public final class TargetGroupUsage {
    private final Map<String, Set<String>> loadBalancersByGroup = new HashMap<>();

    private TargetGroupUsage() {}

    public static TargetGroupUsage of(List<Listener> listeners, List<Rule> rules) {
        TargetGroupUsage usage = new TargetGroupUsage();
        for (Listener l : listeners) usage.add(l.defaultActions(), l.loadBalancerArn());
        Map<String, String> lbOfListener = new HashMap<>();
        listeners.forEach(l -> lbOfListener.put(l.id(), l.loadBalancerArn()));
        for (Rule r : rules) {
            String lb = lbOfListener.get(r.listenerId());
            if (lb != null) usage.add(r.actions(), lb);
        }
        return usage;
    }

    /** Reads the listeners and rules of one scope (account and region). */
    public static TargetGroupUsage of(ElbRecords records, Scope scope) {
        return of(records.listeners.list(scope.prefix()), records.rules.list(scope.prefix()));
    }

    private void add(List<Action> actions, String loadBalancerArn) {
        for (Action a : actions) {
            for (String tg : a.targetGroupArns()) {
                loadBalancersByGroup.computeIfAbsent(tg, k -> new TreeSet<>()).add(loadBalancerArn);
            }
        }
    }

    public List<String> loadBalancers(String targetGroupArn) {
        return List.copyOf(loadBalancersByGroup.getOrDefault(targetGroupArn, Set.of()));
    }

    public boolean inUse(String targetGroupArn) {
        return loadBalancersByGroup.containsKey(targetGroupArn);
    }
}
