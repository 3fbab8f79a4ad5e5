package berth.elb.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.elb.core.Action;
import berth.elb.core.ElbError;
import berth.elb.core.Listener;
import berth.elb.core.ListenerPorts;
import berth.elb.core.ListenerProtocol;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.state.ElbRecords;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * CreateListener, DescribeListeners, ModifyListener, DeleteListener. A listener's port is bound on
 * berth's bind address before the listener is stored, so a port in use is refused here.
 */
final class ListenerApi {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerApi.class);
    static final int MAX_LISTENERS = 50;

    private final ElbRecords records;
    private final ElbLookup lookup;
    private final ElbIds ids;
    private final ActionCheck actions;
    private final ListenerPorts ports;
    private final Runnable changed;

    ListenerApi(ElbRecords records, ElbLookup lookup, ElbIds ids, ActionCheck actions, ListenerPorts ports, Runnable changed) {
        this.records = records;
        this.lookup = lookup;
        this.ids = ids;
        this.actions = actions;
        this.ports = ports;
        this.changed = changed;
    }

    CreateListenerResponse create(CreateListenerRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        LoadBalancer lb = lookup.loadBalancer(ctx, request.loadBalancerArn()).value();
        ListenerProtocol protocol = protocol(request.protocolAsString(), lb, request.hasCertificates() && !request.certificates().isEmpty());
        refuseTls(request.sslPolicy(), request.hasAlpnPolicy() && !request.alpnPolicy().isEmpty());
        if (request.port() == null) throw ElbError.VALIDATION.exception("A listener port must be specified");
        if (request.mutualAuthentication() != null) throw ElbErrors.unsupported("MutualAuthentication");
        List<Action> defaultActions = ActionMapping.fromSdk(request.defaultActions());
        actions.check(defaultActions, lb, ctx);
        Map<String, String> tags = TagMapping.fromSdk(request.tags());
        List<Listener> existing = records.listeners.list(ElbRecords.children(scope, lb.id()));
        for (Listener l : existing) {
            if (l.port() == request.port()) {
                if (l.protocol() == protocol && l.defaultActions().equals(defaultActions)) {
                    return CreateListenerResponse.builder().listeners(Shapes.listener(l)).build();
                }
                throw ElbError.DUPLICATE_LISTENER.exception("A listener already exists on this port for this load balancer '"
                        + lb.arn() + "'");
            }
        }
        if (existing.size() >= MAX_LISTENERS) {
            throw ElbError.TOO_MANY_LISTENERS.exception(
                    "You have reached the limit of " + MAX_LISTENERS + " listeners per load balancer");
        }
        Listener listener = new Listener(scope.accountId(), scope.region(), lb.type(), lb.name(), lb.id(), ids.next(), protocol,
                request.port(), defaultActions, ids.next(), tags);
        ListenerPorts.PortClaim claim = ports.claim(listener.id(), protocol, listener.port());
        try {
            records.listeners.save(listener, Store.ABSENT);
        } catch (RuntimeException e) {
            claim.release();
            throw e;
        }
        claim.confirm();
        LOG.info("created listener {} on port {}", listener.arn(), listener.port());
        return CreateListenerResponse.builder().listeners(Shapes.listener(listener)).build();
    }

    private static ListenerProtocol protocol(String protocol, LoadBalancer lb, boolean certificates) {
        if (protocol == null) throw ElbError.VALIDATION.exception("A listener protocol must be specified");
        switch (protocol) {
            case "HTTPS", "TLS" -> {
                if (!certificates) {
                    throw ElbError.VALIDATION.exception("A certificate must be specified for " + protocol + " listeners");
                }
                throw ElbError.CERTIFICATE_NOT_FOUND.exception("berth has no certificate store: " + protocol
                        + " listeners are not supported; use " + (protocol.equals("HTTPS") ? "HTTP" : "TCP"));
            }
            case "HTTP", "TCP" -> {
                ListenerProtocol p = ListenerProtocol.valueOf(protocol);
                if (p != lb.type().listenerProtocol()) {
                    throw ElbError.UNSUPPORTED_PROTOCOL.exception("Protocol '" + protocol + "' is not supported by "
                            + lb.type().wireName() + " load balancers; use " + lb.type().listenerProtocol());
                }
                return p;
            }
            default -> throw ElbError.UNSUPPORTED_PROTOCOL.exception("berth does not support " + protocol + " listeners");
        }
    }

    private static void refuseTls(String sslPolicy, boolean alpn) {
        if (sslPolicy != null) throw ElbErrors.unsupported("SslPolicy: berth's listeners speak plain HTTP and TCP");
        if (alpn) throw ElbErrors.unsupported("AlpnPolicy: berth's listeners speak plain HTTP and TCP");
    }

    DescribeListenersResponse describe(DescribeListenersRequest request, RequestContext ctx) {
        boolean byArns = request.hasListenerArns() && !request.listenerArns().isEmpty();
        if (byArns == (request.loadBalancerArn() != null)) {
            throw ElbError.VALIDATION.exception("You must specify either listener ARNs or a load balancer ARN");
        }
        List<Listener> found = new ArrayList<>();
        if (byArns) {
            for (String arn : request.listenerArns()) found.add(lookup.listener(ctx, arn).value());
        } else {
            LoadBalancer lb = lookup.loadBalancer(ctx, request.loadBalancerArn()).value();
            found.addAll(records.listeners.list(ElbRecords.children(ctx.scope(), lb.id())));
        }
        found.sort(Comparator.comparing(ListenerApi::pageKey));
        Page<Listener> page = Page.of(found, request.marker(), request.pageSize(), 400, 400, ListenerApi::pageKey);
        return DescribeListenersResponse.builder().listeners(page.items().stream().map(Shapes::listener).toList())
                .nextMarker(page.nextToken().orElse(null)).build();
    }

    private static String pageKey(Listener l) {
        return String.format("%05d/%s", l.port(), l.id());
    }

    ModifyListenerResponse modify(ModifyListenerRequest request, RequestContext ctx) {
        RecordTable.Versioned<Listener> found = lookup.listener(ctx, request.listenerArn());
        Listener listener = found.value();
        LoadBalancer lb = lookup.loadBalancer(ctx, listener.loadBalancerArn()).value();
        ListenerProtocol protocol = request.protocolAsString() == null ? listener.protocol()
                : protocol(request.protocolAsString(), lb, request.hasCertificates() && !request.certificates().isEmpty());
        refuseTls(request.sslPolicy(), request.hasAlpnPolicy() && !request.alpnPolicy().isEmpty());
        if (request.mutualAuthentication() != null) throw ElbErrors.unsupported("MutualAuthentication");
        int port = request.port() == null ? listener.port() : request.port();
        List<Action> defaultActions = request.hasDefaultActions() && !request.defaultActions().isEmpty()
                ? ActionMapping.fromSdk(request.defaultActions()) : listener.defaultActions();
        actions.check(defaultActions, lb, ctx);
        if (port != listener.port()) {
            for (Listener other : records.listeners.list(ElbRecords.children(ctx.scope(), lb.id()))) {
                if (other.port() == port && !other.id().equals(listener.id())) {
                    throw ElbError.DUPLICATE_LISTENER.exception("A listener already exists on this port for this load balancer '"
                            + lb.arn() + "'");
                }
            }
        }
        Listener updated = listener.withPortProtocolActions(port, protocol, defaultActions);
        ListenerPorts.PortClaim claim = ports.claim(listener.id(), protocol, port);
        try {
            records.listeners.save(updated, found.version());
        } catch (RuntimeException e) {
            claim.release();
            throw e;
        }
        claim.confirm();
        LOG.info("modified listener {} (port {})", updated.arn(), port);
        return ModifyListenerResponse.builder().listeners(Shapes.listener(updated)).build();
    }

    DeleteListenerResponse delete(DeleteListenerRequest request, RequestContext ctx) {
        RecordTable.Versioned<Listener> found = lookup.listener(ctx, request.listenerArn());
        Listener listener = found.value();
        List<Write> writes = new ArrayList<>();
        writes.add(records.listeners.delete(records.listeners.keyOf(listener), found.version()));
        for (RecordTable.Versioned<Rule> r : records.rules.listVersioned(ElbRecords.children(ctx.scope(), listener.id()))) {
            writes.add(records.rules.delete(records.rules.keyOf(r.value()), r.version()));
        }
        records.commit(writes);
        changed.run();
        LOG.info("deleted listener {}", listener.arn());
        return DeleteListenerResponse.builder().build();
    }

    DescribeListenerAttributesResponse describeAttributes(DescribeListenerAttributesRequest request, RequestContext ctx) {
        Listener listener = lookup.listener(ctx, request.listenerArn()).value();
        return DescribeListenerAttributesResponse.builder().attributes(listenerAttributes(listener)).build();
    }

    /** Listener attributes may be set to the values berth's listeners have; others are refused. */
    ModifyListenerAttributesResponse modifyAttributes(ModifyListenerAttributesRequest request, RequestContext ctx) {
        Listener listener = lookup.listener(ctx, request.listenerArn()).value();
        var fixed = berth.elb.core.FixedAttributes.ofListener(listener.protocol());
        for (ListenerAttribute attribute : request.attributes()) {
            String key = attribute.key() == null ? "" : attribute.key();
            String value = attribute.value() == null ? "" : attribute.value();
            if (!fixed.containsKey(key)) {
                throw ElbError.VALIDATION.exception("Listener attribute key '" + key + "' is not recognized");
            }
            if (!fixed.get(key).equalsIgnoreCase(value)) {
                throw ElbError.VALIDATION.exception("berth's listeners hold " + key + " at '" + fixed.get(key) + "'; '" + value
                        + "' would not change what they do");
            }
        }
        return ModifyListenerAttributesResponse.builder().attributes(listenerAttributes(listener)).build();
    }

    private static java.util.List<ListenerAttribute> listenerAttributes(Listener listener) {
        return berth.elb.core.FixedAttributes.ofListener(listener.protocol()).entrySet().stream()
                .map(e -> ListenerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
