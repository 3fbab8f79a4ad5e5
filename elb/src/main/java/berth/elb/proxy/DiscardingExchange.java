package berth.elb.proxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A request already answered (by the load balancer itself, or by a target before the body was
 * through) whose remaining body is read and dropped so the connection can serve the next request.
 */
final class DiscardingExchange implements Exchange {
    private final HttpFrontend frontend;
    private final boolean keepAlive;
    private boolean complete;

    DiscardingExchange(HttpFrontend frontend, boolean keepAlive) {
        this.frontend = frontend;
        this.keepAlive = keepAlive;
    }

    @Override
    public void requestContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (last && !complete) {
            complete = true;
            frontend.exchangeDone(this, keepAlive);
        }
    }

    @Override
    public boolean requestComplete() {
        return complete;
    }
}
