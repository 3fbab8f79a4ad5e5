package berth.elb.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.elb.core.Algorithm;
import berth.elb.core.ElbError;
import berth.elb.core.HealthCheck;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetGroupAttributes;
import berth.elb.core.TargetProtocol;
import berth.elb.core.TargetType;
import berth.elb.state.ElbRecords;
import berth.elb.state.TargetGroupUsage;
import berth.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the target group attributes. */
final class TargetGroupApi {
    private static final Logger LOG = LoggerFactory.getLogger(TargetGroupApi.class);
    static final int MAX_TARGET_GROUPS = 3000;

    private final ElbRecords records;
    private final ElbLookup lookup;
    private final ElbIds ids;
    private final Clock clock;
    private final Runnable changed;

    TargetGroupApi(ElbRecords records, ElbLookup lookup, ElbIds ids, Clock clock, Runnable changed) {
        this.records = records;
        this.lookup = lookup;
        this.ids = ids;
        this.clock = clock;
        this.changed = changed;
    }

    CreateTargetGroupResponse create(CreateTargetGroupRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Names.checkTargetGroupName(request.name());
        TargetProtocol protocol = protocol(request.protocolAsString());
        if (request.port() == null) throw ElbError.VALIDATION.exception("A port must be specified");
        String protocolVersion = request.protocolVersion() == null || request.protocolVersion().isEmpty() ? null
                : request.protocolVersion();
        if (protocolVersion != null && !protocolVersion.equals("HTTP1")) {
            throw ElbErrors.unsupported("protocol version '" + request.protocolVersion() + "': berth's targets speak HTTP1");
        }
        if (protocolVersion != null && protocol != TargetProtocol.HTTP) {
            throw ElbError.VALIDATION.exception("A protocol version can only be set for HTTP target groups");
        }
        TargetType targetType = switch (request.targetTypeAsString() == null ? "instance" : request.targetTypeAsString()) {
            case "instance" -> TargetType.INSTANCE;
            case "ip" -> TargetType.IP;
            default -> throw ElbErrors.unsupported("target type '" + request.targetTypeAsString() + "'");
        };
        if (request.ipAddressTypeAsString() != null && !request.ipAddressTypeAsString().equals("ipv4")) {
            throw ElbErrors.unsupported("IPv6 target groups");
        }
        if (request.targetControlPort() != null) throw ElbErrors.unsupported("TargetControlPort");
        HealthCheck healthCheck = HealthCheckMapping.apply(HealthCheck.defaultsFor(protocol), protocol, new HealthCheckMapping.Requested(
                request.healthCheckEnabled(), request.healthCheckProtocolAsString(), request.healthCheckPort(),
                request.healthCheckPath(), request.healthCheckIntervalSeconds(), request.healthCheckTimeoutSeconds(),
                request.healthyThresholdCount(), request.unhealthyThresholdCount(),
                request.matcher() == null ? null : matcher(request.matcher())), true);
        String vpcId = request.vpcId() == null ? Shapes.DEFAULT_VPC : request.vpcId();
        Map<String, String> tags = TagMapping.fromSdk(request.tags());
        String key = scope.key(request.name());
        var existing = records.targetGroups.find(key);
        if (existing.isPresent()) {
            TargetGroup tg = existing.get().value();
            if (tg.protocol() == protocol && tg.port() == request.port() && tg.targetType() == targetType
                    && tg.vpcId().equals(vpcId) && tg.healthCheck().equals(healthCheck)) {
                return CreateTargetGroupResponse.builder().targetGroups(Shapes.targetGroup(tg, usage(ctx).loadBalancers(tg.arn()))).build();
            }
            throw ElbError.DUPLICATE_TARGET_GROUP_NAME.exception("A target group with the same name '" + request.name()
                    + "' exists, but with different settings");
        }
        if (records.targetGroups.list(scope.prefix()).size() >= MAX_TARGET_GROUPS) {
            throw ElbError.TOO_MANY_TARGET_GROUPS.exception("You have reached the limit of " + MAX_TARGET_GROUPS + " target groups");
        }
        TargetGroup tg = new TargetGroup(scope.accountId(), scope.region(), request.name(), ids.next(), protocol, request.port(),
                targetType, vpcId, healthCheck, TargetGroupAttributes.defaultsFor(protocol), clock.instant(), tags);
        records.targetGroups.save(tg, Store.ABSENT);
        LOG.info("created target group {}", tg.arn());
        return CreateTargetGroupResponse.builder().targetGroups(Shapes.targetGroup(tg, List.of())).build();
    }

    private static TargetProtocol protocol(String protocol) {
        if (protocol == null) throw ElbError.VALIDATION.exception("A protocol must be specified for target type 'instance' or 'ip'");
        return switch (protocol) {
            case "HTTP" -> TargetProtocol.HTTP;
            case "TCP" -> TargetProtocol.TCP;
            case "HTTPS", "TLS" -> throw ElbError.UNSUPPORTED_PROTOCOL.exception("berth has no certificates: " + protocol
                    + " target groups are not supported; use " + (protocol.equals("HTTPS") ? "HTTP" : "TCP"));
            default -> throw ElbError.UNSUPPORTED_PROTOCOL.exception("berth does not support " + protocol
                    + " target groups; use HTTP or TCP");
        };
    }

    private static String matcher(software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher m) {
        if (m.grpcCode() != null) throw ElbErrors.unsupported("gRPC health check matchers");
        if (m.httpCode() == null) throw ElbError.VALIDATION.exception("A matcher must have an HttpCode");
        return m.httpCode();
    }

    DescribeTargetGroupsResponse describe(DescribeTargetGroupsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        boolean byArns = request.hasTargetGroupArns() && !request.targetGroupArns().isEmpty();
        boolean byNames = request.hasNames() && !request.names().isEmpty();
        boolean byLb = request.loadBalancerArn() != null;
        if ((byArns ? 1 : 0) + (byNames ? 1 : 0) + (byLb ? 1 : 0) > 1) {
            throw ElbError.VALIDATION.exception("Only one of load balancer ARN, target group ARNs or names can be specified");
        }
        TargetGroupUsage usage = usage(ctx);
        List<TargetGroup> found = new ArrayList<>();
        if (byArns) {
            List<String> missing = new ArrayList<>();
            for (String arn : request.targetGroupArns()) {
                lookup.findTargetGroup(ctx, arn).ifPresentOrElse(v -> found.add(v.value()), () -> missing.add(arn));
            }
            if (!missing.isEmpty()) throw ElbError.TARGET_GROUP_NOT_FOUND.exception("Target groups '" + missing + "' not found");
        } else if (byNames) {
            List<String> missing = new ArrayList<>();
            for (String name : request.names()) {
                records.targetGroups.find(scope.key(name)).ifPresentOrElse(v -> found.add(v.value()), () -> missing.add(name));
            }
            if (!missing.isEmpty()) throw ElbError.TARGET_GROUP_NOT_FOUND.exception("One or more target groups not found");
        } else {
            String lbArn = byLb ? lookup.loadBalancer(ctx, request.loadBalancerArn()).value().arn() : null;
            for (TargetGroup tg : records.targetGroups.list(scope.prefix())) {
                if (lbArn == null || usage.loadBalancers(tg.arn()).contains(lbArn)) found.add(tg);
            }
        }
        found.sort(Comparator.comparing(TargetGroup::name));
        Page<TargetGroup> page = Page.of(found, request.marker(), request.pageSize(), 400, 400, TargetGroup::name);
        return DescribeTargetGroupsResponse.builder()
                .targetGroups(page.items().stream().map(tg -> Shapes.targetGroup(tg, usage.loadBalancers(tg.arn()))).toList())
                .nextMarker(page.nextToken().orElse(null)).build();
    }

    ModifyTargetGroupResponse modify(ModifyTargetGroupRequest request, RequestContext ctx) {
        TargetGroup tg = lookup.targetGroup(ctx, request.targetGroupArn()).value();
        HealthCheckMapping.Requested requested = new HealthCheckMapping.Requested(request.healthCheckEnabled(),
                request.healthCheckProtocolAsString(), request.healthCheckPort(), request.healthCheckPath(),
                request.healthCheckIntervalSeconds(), request.healthCheckTimeoutSeconds(), request.healthyThresholdCount(),
                request.unhealthyThresholdCount(), request.matcher() == null ? null : matcher(request.matcher()));
        TargetGroup updated = records.targetGroups.update(records.targetGroups.keyOf(tg), current -> current.withHealthCheck(
                HealthCheckMapping.apply(current.healthCheck(), current.protocol(), requested, false)))
                .orElseThrow(() -> ElbErrors.targetGroupNotFound(request.targetGroupArn()));
        changed.run();
        return ModifyTargetGroupResponse.builder().targetGroups(Shapes.targetGroup(updated, usage(ctx).loadBalancers(updated.arn()))).build();
    }

    DeleteTargetGroupResponse delete(DeleteTargetGroupRequest request, RequestContext ctx) {
        var found = lookup.findTargetGroup(ctx, request.targetGroupArn());
        if (found.isEmpty()) {
            if (berth.elb.core.ElbArns.targetGroupNameAndId(request.targetGroupArn()).isPresent()) {
                return DeleteTargetGroupResponse.builder().build();
            }
            throw ElbError.VALIDATION.exception("'" + request.targetGroupArn() + "' is not a valid target group ARN");
        }
        TargetGroup tg = found.get().value();
        if (usage(ctx).inUse(tg.arn())) {
            throw ElbError.RESOURCE_IN_USE.exception("Target group '" + tg.arn() + "' is currently in use by a listener or a rule");
        }
        String targetsKey = ElbRecords.targetsKey(tg);
        records.commit(List.of(records.targetGroups.delete(records.targetGroups.keyOf(tg), found.get().version()),
                records.targets.delete(targetsKey, Store.ANY)));
        changed.run();
        LOG.info("deleted target group {}", tg.arn());
        return DeleteTargetGroupResponse.builder().build();
    }

    DescribeTargetGroupAttributesResponse describeAttributes(DescribeTargetGroupAttributesRequest request, RequestContext ctx) {
        TargetGroup tg = lookup.targetGroup(ctx, request.targetGroupArn()).value();
        return DescribeTargetGroupAttributesResponse.builder().attributes(attributes(tg)).build();
    }

    ModifyTargetGroupAttributesResponse modifyAttributes(ModifyTargetGroupAttributesRequest request, RequestContext ctx) {
        TargetGroup tg = lookup.targetGroup(ctx, request.targetGroupArn()).value();
        TargetGroup updated = records.targetGroups.update(records.targetGroups.keyOf(tg),
                current -> current.withAttributes(modified(current, request.attributes())))
                .orElseThrow(() -> ElbErrors.targetGroupNotFound(request.targetGroupArn()));
        changed.run();
        return ModifyTargetGroupAttributesResponse.builder().attributes(attributes(updated)).build();
    }

    private static TargetGroupAttributes modified(TargetGroup tg, List<TargetGroupAttribute> changes) {
        TargetGroupAttributes a = tg.attributes();
        boolean http = tg.protocol() == TargetProtocol.HTTP;
        for (TargetGroupAttribute change : changes) {
            String key = change.key() == null ? "" : change.key();
            String value = change.value() == null ? "" : change.value();
            a = switch (key) {
                case TargetGroupAttributes.DEREGISTRATION_DELAY -> new TargetGroupAttributes(Names.intIn(key, value, 0, 3600),
                        a.stickinessEnabled(), a.stickinessType(), a.stickinessDurationSeconds(), a.algorithm());
                case TargetGroupAttributes.STICKINESS_ENABLED -> new TargetGroupAttributes(a.deregistrationDelaySeconds(),
                        Names.bool(key, value), a.stickinessType(), a.stickinessDurationSeconds(), a.algorithm());
                case TargetGroupAttributes.STICKINESS_TYPE -> {
                    String allowed = http ? TargetGroupAttributes.LB_COOKIE : TargetGroupAttributes.SOURCE_IP;
                    if (!value.equals(allowed)) {
                        throw ElbError.VALIDATION.exception("Stickiness type '" + value + "' is not supported for " + tg.protocol()
                                + " target groups; berth supports '" + allowed + "'");
                    }
                    yield a;
                }
                case TargetGroupAttributes.STICKINESS_DURATION -> {
                    if (!http) throw unknown(key);
                    yield new TargetGroupAttributes(a.deregistrationDelaySeconds(), a.stickinessEnabled(), a.stickinessType(),
                            Names.intIn(key, value, 1, 604800), a.algorithm());
                }
                case TargetGroupAttributes.ALGORITHM -> {
                    if (!http) throw unknown(key);
                    Algorithm algorithm = Algorithm.fromWire(value).orElseThrow(() -> ElbError.VALIDATION.exception("'" + value
                            + "' is not a valid value for attribute '" + key + "': use round_robin or least_outstanding_requests"));
                    yield new TargetGroupAttributes(a.deregistrationDelaySeconds(), a.stickinessEnabled(), a.stickinessType(),
                            a.stickinessDurationSeconds(), algorithm);
                }
                default -> throw unknown(key);
            };
        }
        return a;
    }

    private static berth.elb.core.ElbException unknown(String key) {
        return ElbError.VALIDATION.exception("Target group attribute key '" + key + "' is not recognized");
    }

    private static List<TargetGroupAttribute> attributes(TargetGroup tg) {
        TargetGroupAttributes a = tg.attributes();
        List<TargetGroupAttribute> list = new ArrayList<>();
        list.add(attribute(TargetGroupAttributes.DEREGISTRATION_DELAY, Integer.toString(a.deregistrationDelaySeconds())));
        list.add(attribute(TargetGroupAttributes.STICKINESS_ENABLED, Boolean.toString(a.stickinessEnabled())));
        list.add(attribute(TargetGroupAttributes.STICKINESS_TYPE, a.stickinessType()));
        if (tg.protocol() == TargetProtocol.HTTP) {
            list.add(attribute(TargetGroupAttributes.STICKINESS_DURATION, Integer.toString(a.stickinessDurationSeconds())));
            list.add(attribute(TargetGroupAttributes.ALGORITHM, a.algorithm().wireName()));
        }
        return list;
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }

    private TargetGroupUsage usage(RequestContext ctx) {
        return TargetGroupUsage.of(records, ctx.scope());
    }
}
