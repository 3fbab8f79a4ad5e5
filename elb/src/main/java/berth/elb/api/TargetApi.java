package berth.elb.api;

import berth.aws.RequestContext;
import berth.elb.core.ElbError;
import berth.elb.core.HealthCheck;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetHealth;
import berth.elb.core.TargetKey;
import berth.elb.state.TargetHealthReader;
import berth.elb.state.TargetRegistrations;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** RegisterTargets, DeregisterTargets and DescribeTargetHealth. */
final class TargetApi {
    private final ElbLookup lookup;
    private final TargetRegistrations registrations;
    private final TargetHealthReader health;
    private final Runnable changed;

    TargetApi(ElbLookup lookup, TargetRegistrations registrations, TargetHealthReader health, Runnable changed) {
        this.lookup = lookup;
        this.registrations = registrations;
        this.health = health;
        this.changed = changed;
    }

    RegisterTargetsResponse register(RegisterTargetsRequest request, RequestContext ctx) {
        lookup.targetGroup(ctx, request.targetGroupArn());
        registrations.register(request.targetGroupArn(), requested(request.targets()));
        changed.run();
        return RegisterTargetsResponse.builder().build();
    }

    DeregisterTargetsResponse deregister(DeregisterTargetsRequest request, RequestContext ctx) {
        lookup.targetGroup(ctx, request.targetGroupArn());
        registrations.deregister(request.targetGroupArn(), requested(request.targets()));
        changed.run();
        return DeregisterTargetsResponse.builder().build();
    }

    DescribeTargetHealthResponse describe(DescribeTargetHealthRequest request, RequestContext ctx) {
        TargetGroup group = lookup.targetGroup(ctx, request.targetGroupArn()).value();
        Optional<List<TargetKey>> wanted = request.hasTargets() && !request.targets().isEmpty()
                ? Optional.of(request.targets().stream().map(t -> new TargetKey(t.id(), t.port() == null ? group.port() : t.port())).toList())
                : Optional.empty();
        HealthCheck check = group.healthCheck();
        List<TargetHealthDescription> descriptions = health.report(group, wanted).stream().map(r -> {
            var target = TargetDescription.builder().id(r.key().id()).port(r.key().port());
            if (!r.availabilityZone().isEmpty()) target.availabilityZone(r.availabilityZone());
            TargetHealth h = r.health();
            var th = software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth.builder().state(h.state().wireName());
            if (h.reason() != TargetHealth.Reason.NONE) th.reason(h.reason().code()).description(h.description());
            return TargetHealthDescription.builder().target(target.build())
                    .healthCheckPort(Integer.toString(check.portFor(r.key().port()))).targetHealth(th.build()).build();
        }).toList();
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(descriptions).build();
    }

    private static List<TargetRegistrations.Requested> requested(List<TargetDescription> targets) {
        if (targets.isEmpty()) throw ElbError.VALIDATION.exception("At least one target must be specified");
        return targets.stream().map(t -> {
            if (t.quicServerId() != null) throw ElbErrors.unsupported("QuicServerId");
            return new TargetRegistrations.Requested(t.id(), t.port() == null ? 0 : t.port(),
                    t.availabilityZone() == null ? "" : t.availabilityZone());
        }).toList();
    }
}
