package berth.elb.api;

import berth.aws.RequestContext;
import berth.elb.core.Action;
import berth.elb.core.ActionRules;
import berth.elb.core.ElbError;
import berth.elb.core.LoadBalancer;
import berth.elb.core.TargetGroup;
import berth.elb.state.ElbRecords;
import berth.elb.state.TargetGroupUsage;
import java.util.List;

/**
 * Checks the actions of a listener or rule against what exists: every target group found, of the
 * protocol the load balancer speaks, and not already serving another load balancer.
 */
final class ActionCheck {
    private final ElbRecords records;
    private final ElbLookup lookup;

    ActionCheck(ElbRecords records, ElbLookup lookup) {
        this.records = records;
        this.lookup = lookup;
    }

    void check(List<Action> actions, LoadBalancer lb, RequestContext ctx) {
        ActionRules.validate(actions, lb.type());
        TargetGroupUsage usage = TargetGroupUsage.of(records, ctx.scope());
        for (Action action : actions) {
            for (String arn : action.targetGroupArns()) {
                TargetGroup tg = lookup.targetGroup(ctx, arn).value();
                if (tg.protocol().loadBalancerType() != lb.type()) {
                    throw ElbError.INCOMPATIBLE_PROTOCOLS.exception("The target group '" + arn + "' has protocol "
                            + tg.protocol() + ", which a " + lb.type().wireName() + " load balancer cannot forward to");
                }
                for (String other : usage.loadBalancers(arn)) {
                    if (!other.equals(lb.arn())) {
                        throw ElbError.TARGET_GROUP_ASSOCIATION_LIMIT.exception("The following target groups cannot be"
                                + " associated with more than one load balancer: " + arn);
                    }
                }
            }
        }
    }
}
