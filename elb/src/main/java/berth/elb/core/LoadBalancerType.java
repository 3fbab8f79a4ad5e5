package berth.elb.core;

import java.util.Locale;

/** What a load balancer balances: HTTP requests (application) or TCP connections (network). */
public enum LoadBalancerType {
    APPLICATION("app"),
    NETWORK("net");

    private final String arnSegment;

    LoadBalancerType(String arnSegment) {
        this.arnSegment = arnSegment;
    }

    /** {@code app} or {@code net}, as ARNs of the load balancer and its listeners spell it. */
    public String arnSegment() {
        return arnSegment;
    }

    /** {@code application} or {@code network}, as the API spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ListenerProtocol listenerProtocol() {
        return this == APPLICATION ? ListenerProtocol.HTTP : ListenerProtocol.TCP;
    }
}
