package berth.elb.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.elb.core.ElbError;
import berth.elb.core.FixedAttributes;
import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.LoadBalancerAttributes;
import berth.elb.core.LoadBalancerType;
import berth.elb.core.Rule;
import berth.elb.state.ElbRecords;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attributes. */
final class LoadBalancerApi {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancerApi.class);
    static final int MAX_LOAD_BALANCERS = 50;

    private final ElbRecords records;
    private final ElbLookup lookup;
    private final ElbIds ids;
    private final Clock clock;
    private final Runnable changed;

    LoadBalancerApi(ElbRecords records, ElbLookup lookup, ElbIds ids, Clock clock, Runnable changed) {
        this.records = records;
        this.lookup = lookup;
        this.ids = ids;
        this.clock = clock;
        this.changed = changed;
    }

    CreateLoadBalancerResponse create(CreateLoadBalancerRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = request.name();
        Names.checkLoadBalancerName(name);
        LoadBalancerType type = switch (request.typeAsString() == null ? "application" : request.typeAsString()) {
            case "application" -> LoadBalancerType.APPLICATION;
            case "network" -> LoadBalancerType.NETWORK;
            default -> throw ElbErrors.unsupported("load balancers of type '" + request.typeAsString() + "'");
        };
        String scheme = request.schemeAsString() == null ? LoadBalancer.INTERNET_FACING : request.schemeAsString();
        String ipAddressType = request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString();
        if (!ipAddressType.equals("ipv4")) {
            throw ElbError.INVALID_CONFIGURATION.exception("berth's load balancers listen on IPv4 only: IpAddressType must be ipv4");
        }
        if (request.customerOwnedIpv4Pool() != null) throw ElbErrors.unsupported("CustomerOwnedIpv4Pool");
        if (request.ipamPools() != null) throw ElbErrors.unsupported("IpamPools");
        List<String> subnets = new ArrayList<>(request.hasSubnets() ? request.subnets() : List.of());
        if (request.hasSubnetMappings()) {
            if (!subnets.isEmpty()) throw ElbError.VALIDATION.exception("You can specify subnets or subnet mappings, not both");
            request.subnetMappings().forEach(m -> {
                if (m.allocationId() != null || m.privateIPv4Address() != null || m.iPv6Address() != null) {
                    throw ElbErrors.unsupported("addresses in subnet mappings");
                }
                subnets.add(m.subnetId());
            });
        }
        List<String> securityGroups = request.hasSecurityGroups() ? request.securityGroups() : List.of();
        Map<String, String> tags = TagMapping.fromSdk(request.tags());
        String key = scope.key(name);
        var existing = records.loadBalancers.find(key);
        if (existing.isPresent()) {
            LoadBalancer lb = existing.get().value();
            if (lb.type() == type && lb.scheme().equals(scheme)) {
                return CreateLoadBalancerResponse.builder().loadBalancers(Shapes.loadBalancer(lb, false)).build();
            }
            throw ElbError.DUPLICATE_LOAD_BALANCER_NAME.exception("A load balancer with the same name '" + name + "' exists,"
                    + " but with different settings");
        }
        if (records.loadBalancers.list(scope.prefix()).size() >= MAX_LOAD_BALANCERS) {
            throw ElbError.TOO_MANY_LOAD_BALANCERS.exception("You have reached the limit of " + MAX_LOAD_BALANCERS + " load balancers");
        }
        LoadBalancer lb = new LoadBalancer(scope.accountId(), scope.region(), name, ids.next(), type, scheme, ipAddressType,
                subnets, securityGroups, clock.instant(), LoadBalancerAttributes.DEFAULTS, tags);
        records.loadBalancers.save(lb, Store.ABSENT);
        LOG.info("created load balancer {}", lb.arn());
        return CreateLoadBalancerResponse.builder().loadBalancers(Shapes.loadBalancer(lb, true)).build();
    }

    DescribeLoadBalancersResponse describe(DescribeLoadBalancersRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        if (request.hasNames() && request.hasLoadBalancerArns() && !request.names().isEmpty() && !request.loadBalancerArns().isEmpty()) {
            throw ElbError.VALIDATION.exception("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        List<LoadBalancer> found = new ArrayList<>();
        if (request.hasNames() && !request.names().isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (String name : request.names()) {
                records.loadBalancers.find(scope.key(name)).ifPresentOrElse(v -> found.add(v.value()), () -> missing.add(name));
            }
            if (!missing.isEmpty()) throw ElbError.LOAD_BALANCER_NOT_FOUND.exception("Load balancers '" + missing + "' not found");
        } else if (request.hasLoadBalancerArns() && !request.loadBalancerArns().isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (String arn : request.loadBalancerArns()) {
                lookup.findLoadBalancer(ctx, arn).ifPresentOrElse(v -> found.add(v.value()), () -> missing.add(arn));
            }
            if (!missing.isEmpty()) throw ElbError.LOAD_BALANCER_NOT_FOUND.exception("Load balancers '" + missing + "' not found");
        } else {
            found.addAll(records.loadBalancers.list(scope.prefix()));
        }
        found.sort(Comparator.comparing(LoadBalancer::name));
        Page<LoadBalancer> page = Page.of(found, request.marker(), request.pageSize(), 400, 400, LoadBalancer::name);
        return DescribeLoadBalancersResponse.builder()
                .loadBalancers(page.items().stream().map(lb -> Shapes.loadBalancer(lb, false)).toList())
                .nextMarker(page.nextToken().orElse(null)).build();
    }

    DeleteLoadBalancerResponse delete(DeleteLoadBalancerRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        var found = lookup.findLoadBalancer(ctx, request.loadBalancerArn());
        if (found.isEmpty()) {
            if (ElbArns.isLoadBalancerArn(request.loadBalancerArn())) return DeleteLoadBalancerResponse.builder().build();
            throw ElbError.VALIDATION.exception("'" + request.loadBalancerArn() + "' is not a valid load balancer ARN");
        }
        LoadBalancer lb = found.get().value();
        if (lb.attributes().deletionProtection()) {
            throw ElbError.OPERATION_NOT_PERMITTED.exception("Load balancer '" + lb.arn() + "' cannot be deleted because"
                    + " deletion protection is enabled");
        }
        List<Write> writes = new ArrayList<>();
        writes.add(records.loadBalancers.delete(records.loadBalancers.keyOf(lb), found.get().version()));
        for (RecordTable.Versioned<Listener> l : records.listeners.listVersioned(ElbRecords.children(scope, lb.id()))) {
            writes.add(records.listeners.delete(records.listeners.keyOf(l.value()), l.version()));
            for (RecordTable.Versioned<Rule> r : records.rules.listVersioned(ElbRecords.children(scope, l.value().id()))) {
                writes.add(records.rules.delete(records.rules.keyOf(r.value()), r.version()));
            }
        }
        records.commit(writes);
        changed.run();
        LOG.info("deleted load balancer {} and its {} listener(s)", lb.arn(), writes.size() - 1);
        return DeleteLoadBalancerResponse.builder().build();
    }

    DescribeLoadBalancerAttributesResponse describeAttributes(DescribeLoadBalancerAttributesRequest request, RequestContext ctx) {
        LoadBalancer lb = lookup.loadBalancer(ctx, request.loadBalancerArn()).value();
        return DescribeLoadBalancerAttributesResponse.builder().attributes(attributes(lb)).build();
    }

    ModifyLoadBalancerAttributesResponse modifyAttributes(ModifyLoadBalancerAttributesRequest request, RequestContext ctx) {
        LoadBalancer lb = lookup.loadBalancer(ctx, request.loadBalancerArn()).value();
        LoadBalancer updated = records.loadBalancers.update(records.loadBalancers.keyOf(lb), current -> {
            LoadBalancerAttributes a = current.attributes();
            for (LoadBalancerAttribute attribute : request.attributes()) {
                String value = attribute.value() == null ? "" : attribute.value();
                switch (attribute.key() == null ? "" : attribute.key()) {
                    case LoadBalancerAttributes.IDLE_TIMEOUT -> {
                        if (current.type() != LoadBalancerType.APPLICATION) throw unknownAttribute(attribute.key());
                        a = a.withIdleTimeoutSeconds(Names.intIn(attribute.key(), value, 1, 4000));
                    }
                    case LoadBalancerAttributes.DELETION_PROTECTION -> a = a.withDeletionProtection(Names.bool(attribute.key(), value));
                    default -> {
                        String fixed = FixedAttributes.value(current.type(), attribute.key())
                                .orElseThrow(() -> unknownAttribute(attribute.key()));
                        if (!fixed.equalsIgnoreCase(value)) {
                            throw ElbError.VALIDATION.exception("berth's load balancers hold " + attribute.key() + " at '" + fixed
                                    + "'; '" + value + "' would not change what they do");
                        }
                    }
                }
            }
            return current.withAttributes(a);
        }).orElseThrow(() -> ElbErrors.loadBalancerNotFound(request.loadBalancerArn()));
        changed.run();
        return ModifyLoadBalancerAttributesResponse.builder().attributes(attributes(updated)).build();
    }

    /**
     * The load balancer's capacity reservation: none, since berth's data plane is not sized in
     * capacity units (every listener is a socket on this host that takes what the host can).
     */
    DescribeCapacityReservationResponse describeCapacityReservation(DescribeCapacityReservationRequest request,
                                                                     RequestContext ctx) {
        lookup.loadBalancer(ctx, request.loadBalancerArn());
        return DescribeCapacityReservationResponse.builder().capacityReservationState(List.of()).build();
    }

    /** Reserving capacity units is refused: berth has no units to reserve, so the reservation could not act. */
    ModifyCapacityReservationResponse modifyCapacityReservation(ModifyCapacityReservationRequest request,
                                                                 RequestContext ctx) {
        lookup.loadBalancer(ctx, request.loadBalancerArn());
        if (Boolean.TRUE.equals(request.resetCapacityReservation())) {
            return ModifyCapacityReservationResponse.builder().capacityReservationState(List.of()).build();
        }
        throw ElbError.OPERATION_NOT_PERMITTED.exception("berth's load balancers are not sized in capacity units;"
                + " a minimum capacity cannot be reserved");
    }

    private static List<LoadBalancerAttribute> attributes(LoadBalancer lb) {
        List<LoadBalancerAttribute> list = new ArrayList<>();
        list.add(LoadBalancerAttribute.builder().key(LoadBalancerAttributes.DELETION_PROTECTION)
                .value(Boolean.toString(lb.attributes().deletionProtection())).build());
        if (lb.type() == LoadBalancerType.APPLICATION) {
            list.add(LoadBalancerAttribute.builder().key(LoadBalancerAttributes.IDLE_TIMEOUT)
                    .value(Integer.toString(lb.attributes().idleTimeoutSeconds())).build());
        }
        FixedAttributes.of(lb.type()).forEach((key, value) ->
                list.add(LoadBalancerAttribute.builder().key(key).value(value).build()));
        return list;
    }

    private static berth.elb.core.ElbException unknownAttribute(String key) {
        return ElbError.VALIDATION.exception("Load balancer attribute key '" + key + "' is not recognized");
    }

    /** A reference to the ARN helpers under a name that does not clash with the SDK's model classes. */
    private static final class ElbArns {
        static boolean isLoadBalancerArn(String arn) {
            return berth.elb.core.ElbArns.loadBalancerParts(arn).isPresent();
        }
    }
}
