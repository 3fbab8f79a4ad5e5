package berth.elb.proxy;

import berth.elb.core.Action;
import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.core.RuleTable;
import berth.elb.core.TargetChoice;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Compiles a listener, its rules and its load balancer's settings into the route its connections use. */
final class RouteCompiler {
    private RouteCompiler() {}

    /**
     * @param groups the runtimes of the target groups in use, by ARN; an action naming a group not
     *     among them forwards to no target (503)
     */
    static ListenerRoute compile(Listener listener, List<Rule> rules, LoadBalancer loadBalancer,
                                 Map<String, TargetGroupRuntime> groups) {
        RuleTable<RouteAction> table = RuleTable.compile(rules, listener.defaultActions(), a -> action(a, groups));
        long idle = TimeUnit.SECONDS.toNanos(loadBalancer == null ? 60 : loadBalancer.attributes().idleTimeoutSeconds());
        return new ListenerRoute(listener, table, idle, Integer.toString(listener.port()));
    }

    static RouteAction action(Action action, Map<String, TargetGroupRuntime> groups) {
        return switch (action) {
            case Action.FixedResponse fixed -> RouteAction.Fixed.of(fixed);
            case Action.Redirect redirect -> new RouteAction.Redirect(redirect);
            case Action.Forward forward -> {
                int n = forward.targetGroups().size();
                TargetGroupRuntime[] runtimes = new TargetGroupRuntime[n];
                int[] weights = new int[n];
                for (int i = 0; i < n; i++) {
                    Action.WeightedTargetGroup g = forward.targetGroups().get(i);
                    runtimes[i] = groups.get(g.arn());
                    weights[i] = runtimes[i] == null ? 0 : g.weight();
                }
                if (n == 1 && runtimes[0] != null) weights[0] = Math.max(1, weights[0]);
                yield new RouteAction.Forward(runtimes, weights, TargetChoice.totalWeight(weights),
                        forward.stickinessEnabled(), forward.stickinessSeconds());
            }
        };
    }
}
