package berth.elb.proxy;

/** The current route of one bound listener socket; its connections read it per request. */
final class RouteHolder {
    volatile ListenerRoute route;

    RouteHolder(ListenerRoute route) {
        this.route = route;
    }
}
