package berth.elb.core;

import berth.aws.Scope;
import java.util.List;
import java.util.Map;

/**
 * A listener rule other than the default: a priority (1-50000, unique within the listener),
 * conditions that must all match, and the actions taken when they do.
 */
public record Rule(String accountId, String region, LoadBalancerType type, String loadBalancerName,
                   String loadBalancerId, String listenerId, String id, int priority, List<Condition> conditions,
                   List<Action> actions, Map<String, String> tags) {
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 50000;
    /** Rules per load balancer, not counting default rules. */
    public static final int MAX_RULES_PER_LOAD_BALANCER = 100;
    /** Match evaluations (condition values) per rule. */
    public static final int MAX_EVALUATIONS = 5;

    public Rule {
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
        tags = OrderedTags.copy(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return ElbArns.rule(scope(), type, loadBalancerName, loadBalancerId, listenerId, id);
    }

    public String loadBalancerArn() {
        return ElbArns.loadBalancer(scope(), type, loadBalancerName, loadBalancerId);
    }

    public String listenerArn() {
        return ElbArns.listener(scope(), type, loadBalancerName, loadBalancerId, listenerId);
    }

    public Rule withPriority(int changed) {
        return new Rule(accountId, region, type, loadBalancerName, loadBalancerId, listenerId, id, changed, conditions,
                actions, tags);
    }

    public Rule withConditionsAndActions(List<Condition> newConditions, List<Action> newActions) {
        return new Rule(accountId, region, type, loadBalancerName, loadBalancerId, listenerId, id, priority,
                newConditions, newActions, tags);
    }

    public Rule withTags(Map<String, String> changed) {
        return new Rule(accountId, region, type, loadBalancerName, loadBalancerId, listenerId, id, priority, conditions,
                actions, changed);
    }
}
