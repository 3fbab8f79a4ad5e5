package berth.elb.api;

import berth.aws.RequestContext;
import berth.elb.core.ElbArns;
import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.core.TargetGroup;
import berth.elb.state.ElbRecords;
import berth.platform.RecordTable;
import java.util.Optional;

/** Finds the resources an ARN names within the caller's account and region, or says they are not found. */
final class ElbScope {
    private final ElbRecords records;

    ElbScope(ElbRecords records) {
        this.records = records;
    }

    static String scope(RequestContext ctx) {
        return ElbRecords.scope(ctx.accountId(), ctx.region());
    }

    private static boolean inScope(RequestContext ctx, String arn) {
        return ElbArns.parse(arn).filter(p -> p.accountId().equals(ctx.accountId()) && p.region().equals(ctx.region())).isPresent();
    }

    Optional<RecordTable.Versioned<LoadBalancer>> findLoadBalancer(RequestContext ctx, String arn) {
        if (!inScope(ctx, arn)) return Optional.empty();
        return ElbArns.loadBalancerParts(arn).flatMap(p -> records.loadBalancers.find(scope(ctx) + p[1])
                .filter(v -> v.value().id().equals(p[2]) && v.value().type().arnSegment().equals(p[0])));
    }

    RecordTable.Versioned<LoadBalancer> loadBalancer(RequestContext ctx, String arn) {
        return findLoadBalancer(ctx, arn).orElseThrow(() -> ElbErrors.loadBalancerNotFound(arn));
    }

    Optional<RecordTable.Versioned<TargetGroup>> findTargetGroup(RequestContext ctx, String arn) {
        if (!inScope(ctx, arn)) return Optional.empty();
        return ElbArns.targetGroupNameAndId(arn).flatMap(p -> records.targetGroups.find(scope(ctx) + p[0])
                .filter(v -> v.value().id().equals(p[1])));
    }

    RecordTable.Versioned<TargetGroup> targetGroup(RequestContext ctx, String arn) {
        return findTargetGroup(ctx, arn).orElseThrow(() -> ElbErrors.targetGroupNotFound(arn));
    }

    Optional<RecordTable.Versioned<Listener>> findListener(RequestContext ctx, String arn) {
        if (!inScope(ctx, arn)) return Optional.empty();
        return ElbArns.listenerParts(arn).flatMap(p -> records.listeners.find(scope(ctx) + p[2] + "/" + p[3])
                .filter(v -> v.value().loadBalancerName().equals(p[1])));
    }

    RecordTable.Versioned<Listener> listener(RequestContext ctx, String arn) {
        return findListener(ctx, arn).orElseThrow(() -> ElbErrors.listenerNotFound(arn));
    }

    Optional<RecordTable.Versioned<Rule>> findRule(RequestContext ctx, String arn) {
        if (!inScope(ctx, arn)) return Optional.empty();
        return ElbArns.ruleParts(arn).flatMap(p -> records.rules.find(scope(ctx) + p[3] + "/" + p[4])
                .filter(v -> v.value().loadBalancerId().equals(p[2])));
    }

    /** The listener whose default rule {@code arn} names, if it does. */
    Optional<RecordTable.Versioned<Listener>> listenerOfDefaultRule(RequestContext ctx, String arn) {
        if (!inScope(ctx, arn)) return Optional.empty();
        return ElbArns.ruleParts(arn).flatMap(p -> records.listeners.find(scope(ctx) + p[2] + "/" + p[3])
                .filter(v -> v.value().defaultRuleId().equals(p[4])));
    }
}
