package berth.elb.core;

/** The protocols berth's listeners speak: HTTP on application, TCP on network load balancers. */
public enum ListenerProtocol {
    HTTP,
    TCP
}
