package berth.elb.proxy;

import berth.elb.core.Listener;
import berth.elb.core.RuleTable;

/**
 * What a listener's connections consult for each request: its rules compiled, and the load
 * balancer's idle timeout. Replaced whole when the configuration changes.
 */
record ListenerRoute(Listener listener, RuleTable<RouteAction> rules, long idleTimeoutNanos, String portText) {}
