package berth.elb.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.elb.core.ElbArns;
import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.state.ElbRecords;
import berth.platform.RecordTable;
import java.util.Optional;

/** Finds the resources an ARN names within the caller's scope (account and region), or says they are not found. */
final class ElbLookup {
    private final ElbRecords records;

    ElbLookup(ElbRecords records) {
        this.records = records;
    }

    /** The caller's scope, when {@code arn} names a resource in it. */
    private static Optional<Scope> scopeOf(RequestContext ctx, String arn) {
        Scope scope = ctx.scope();
        return ElbArns.parse(arn).map(ElbArns.Parsed::scope).filter(scope::equals);
    }

    Optional<RecordTable.Versioned<LoadBalancer>> findLoadBalancer(RequestContext ctx, String arn) {
        return scopeOf(ctx, arn).flatMap(scope -> ElbArns.loadBalancerParts(arn)
                .flatMap(p -> records.loadBalancers.find(scope.key(p[1]))
                        .filter(v -> v.value().id().equals(p[2]) && v.value().type().arnSegment().equals(p[0]))));
    }

    RecordTable.Versioned<LoadBalancer> loadBalancer(RequestContext ctx, String arn) {
        return findLoadBalancer(ctx, arn).orElseThrow(() -> ElbErrors.loadBalancerNotFound(arn));
    }

    Optional<RecordTable.Versioned<TargetGroup>> findTargetGroup(RequestContext ctx, String arn) {
        return scopeOf(ctx, arn).flatMap(scope -> ElbArns.targetGroupNameAndId(arn)
                .flatMap(p -> records.targetGroups.find(scope.key(p[0])).filter(v -> v.value().id().equals(p[1]))));
    }

    RecordTable.Versioned<TargetGroup> targetGroup(RequestContext ctx, String arn) {
        return findTargetGroup(ctx, arn).orElseThrow(() -> ElbErrors.targetGroupNotFound(arn));
    }

    Optional<RecordTable.Versioned<Listener>> findListener(RequestContext ctx, String arn) {
        return scopeOf(ctx, arn).flatMap(scope -> ElbArns.listenerParts(arn)
                .flatMap(p -> records.listeners.find(ElbRecords.childKey(scope, p[2], p[3]))
                        .filter(v -> v.value().loadBalancerName().equals(p[1]))));
    }

    RecordTable.Versioned<Listener> listener(RequestContext ctx, String arn) {
        return findListener(ctx, arn).orElseThrow(() -> ElbErrors.listenerNotFound(arn));
    }

    Optional<RecordTable.Versioned<Rule>> findRule(RequestContext ctx, String arn) {
        return scopeOf(ctx, arn).flatMap(scope -> ElbArns.ruleParts(arn)
                .flatMap(p -> records.rules.find(ElbRecords.childKey(scope, p[3], p[4]))
                        .filter(v -> v.value().loadBalancerId().equals(p[2]))));
    }

    /** The listener whose default rule {@code arn} names, if it does. */
    Optional<RecordTable.Versioned<Listener>> listenerOfDefaultRule(RequestContext ctx, String arn) {
        return scopeOf(ctx, arn).flatMap(scope -> ElbArns.ruleParts(arn)
                .flatMap(p -> records.listeners.find(ElbRecords.childKey(scope, p[2], p[3]))
                        .filter(v -> v.value().defaultRuleId().equals(p[4]))));
    }
}
