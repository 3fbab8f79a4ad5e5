package berth.elb.core;

import berth.aws.Scope;
import java.util.List;
import java.util.Map;

/**
 * A listener: a port on berth's bind address, the protocol spoken there, and the actions of its
 * default rule. Its other rules are stored apart ({@link Rule}).
 *
 * @param defaultRuleId the id of the listener's default rule, which DescribeRules lists last
 */
public record Listener(String accountId, String region, LoadBalancerType type, String loadBalancerName,
                       String loadBalancerId, String id, ListenerProtocol protocol, int port,
                       List<Action> defaultActions, String defaultRuleId, Map<String, String> tags) {

    public Listener {
        defaultActions = List.copyOf(defaultActions);
        tags = OrderedTags.copy(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return ElbArns.listener(scope(), type, loadBalancerName, loadBalancerId, id);
    }

    public String loadBalancerArn() {
        return ElbArns.loadBalancer(scope(), type, loadBalancerName, loadBalancerId);
    }

    public String defaultRuleArn() {
        return ElbArns.rule(scope(), type, loadBalancerName, loadBalancerId, id, defaultRuleId);
    }

    public Listener withPortProtocolActions(int newPort, ListenerProtocol newProtocol, List<Action> actions) {
        return new Listener(accountId, region, type, loadBalancerName, loadBalancerId, id, newProtocol, newPort, actions,
                defaultRuleId, tags);
    }

    public Listener withTags(Map<String, String> changed) {
        return new Listener(accountId, region, type, loadBalancerName, loadBalancerId, id, protocol, port,
                defaultActions, defaultRuleId, changed);
    }
}
