package berth.elb.proxy;

import io.netty.handler.codec.http.HttpContent;

/** One request of a client connection, from its headers until both its body and its answer are done. */
interface Exchange {
    /** A piece of the request body (the last one ends the request). */
    void requestContent(HttpContent content);

    /** True once the request's last content has arrived. */
    boolean requestComplete();

    /** Sends what was written to the target since the last flush. */
    default void flushBackend() {}

    default void frontendWritabilityChanged(boolean writable) {}

    /** The client went away; give back what the exchange holds. */
    default void clientClosed() {}
}
