package berth.elb.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One request forwarded to one target: the request streams to a pooled (or new) keep-alive
 * connection as it arrives, the answer streams back as it arrives; neither is held whole. A
 * connection found closed before any answer is retried once on a new one when no body was sent;
 * otherwise a failure before the answer starts becomes ALB's 502 (refused, closed, not HTTP) or 504
 * (no answer within the idle timeout, no connection within 10 s).
 */
final class ProxyExchange implements Exchange {
    private final HttpFrontend frontend;
    private final HttpRequest request;
    private final Backend backend;
    private final boolean clientKeepAlive;
    private final boolean upgrade;
    private final long idleTimeoutNanos;
    private final StickyResponse sticky;

    private BackendConnection conn;
    private ArrayDeque<HttpContent> pending;
    private boolean reused;
    private boolean retried;
    private boolean requestComplete;
    private boolean bodySent;
    private boolean responseStarted;
    private boolean informational;
    private boolean backendKeepAlive;
    private boolean respondToOldClient;
    private boolean finished;
    private long startNanos;

    /** Cookies to set on the answer for stickiness; {@link #NONE} when none. */
    record StickyResponse(String targetToken, int targetSeconds, String groupToken, int groupSeconds) {
        static final StickyResponse NONE = new StickyResponse(null, 0, null, 0);
    }

    ProxyExchange(HttpFrontend frontend, HttpRequest request, Backend backend, boolean clientKeepAlive, boolean upgrade,
                  long idleTimeoutNanos, StickyResponse sticky) {
        this.frontend = frontend;
        this.request = request;
        this.backend = backend;
        this.clientKeepAlive = clientKeepAlive;
        this.upgrade = upgrade;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.sticky = sticky;
    }

    long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    void start() {
        backend.inFlight.incrementAndGet();
        backend.traffic.forwarded();
        startNanos = System.nanoTime();
        respondToOldClient = request.protocolVersion() == HttpVersion.HTTP_1_0;
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        BackendConnection pooled = upgrade ? null : frontend.pool().poll(backend.address);
        if (pooled != null) {
            reused = true;
            attach(pooled);
        } else {
            connect();
        }
    }

    private void connect() {
        if (pending == null) pending = new ArrayDeque<>();
        ChannelFuture future = frontend.pool().connect(backend.address);
        future.addListener(f -> {
            Channel ch = future.channel();
            if (finished) {
                ch.close();
                return;
            }
            if (!f.isSuccess()) {
                fail(f.cause() instanceof ConnectTimeoutException ? 504 : 502);
                return;
            }
            attach((BackendConnection) ch.pipeline().get("backend"));
            ch.flush();
        });
    }

    private void attach(BackendConnection c) {
        conn = c;
        c.bind(this, idleTimeoutNanos);
        c.channel.write(request, c.channel.voidPromise());
        ArrayDeque<HttpContent> queued = pending;
        pending = null;
        if (queued != null) {
            HttpContent content;
            while ((content = queued.poll()) != null) writeBody(content);
        }
    }

    @Override
    public void requestContent(HttpContent content) {
        if (content instanceof LastHttpContent) requestComplete = true;
        if (finished) {
            content.release();
            return;
        }
        if (conn == null) {
            if (pending == null) pending = new ArrayDeque<>();
            pending.add(content);
            return;
        }
        writeBody(content);
    }

    private void writeBody(HttpContent content) {
        if (content.content().isReadable()
                || content instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
            bodySent = true;
        }
        conn.channel.write(content, conn.channel.voidPromise());
    }

    @Override
    public boolean requestComplete() {
        return requestComplete;
    }

    @Override
    public void flushBackend() {
        if (conn != null) conn.channel.flush();
    }

    void flushClient() {
        frontend.flush();
    }

    @Override
    public void frontendWritabilityChanged(boolean writable) {
        if (conn != null) conn.channel.config().setAutoRead(writable);
    }

    void backendWritabilityChanged(boolean writable) {
        frontend.setAutoRead(writable);
    }

    void onBackendMessage(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code == 101 && upgrade) {
                switchProtocols(response);
                return;
            }
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                onBackendClosed(response.decoderResult().cause());
                return;
            }
            informational = code < 200;
            if (!informational) {
                responseStarted = true;
                backend.traffic.answered(code, System.nanoTime() - startNanos);
                backendKeepAlive = HttpUtil.isKeepAlive(response);
                prepare(response);
            }
        }
        frontend.write(msg);
        if (msg instanceof LastHttpContent) {
            if (informational) {
                informational = false;
            } else {
                complete();
            }
        }
    }

    private void prepare(HttpResponse response) {
        var headers = response.headers();
        ForwardedHeaders.stripResponse(headers);
        boolean keepAlive = clientKeepAlive;
        if (respondToOldClient && keepAlive && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // an HTTP/1.0 client cannot read chunks: send the body raw and end it by closing
            keepAlive = false;
            frontend.disableKeepAlive();
            HttpUtil.setTransferEncodingChunked(response, false);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (respondToOldClient) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (sticky.targetToken() != null) {
            StickyCookies.set(headers, StickyCookies.TARGET, sticky.targetToken(), sticky.targetSeconds());
        }
        if (sticky.groupToken() != null) {
            StickyCookies.set(headers, StickyCookies.GROUP, sticky.groupToken(), sticky.groupSeconds());
        }
    }

    private void complete() {
        finished = true;
        backend.inFlight.decrementAndGet();
        BackendConnection c = conn;
        conn = null;
        c.unbind();
        if (backendKeepAlive && requestComplete) {
            frontend.pool().release(c);
        } else {
            c.channel.close();
        }
        frontend.flush();
        frontend.responseDone(this, clientKeepAlive);
    }

    void onBackendClosed(Throwable cause) {
        if (finished) return;
        if (!responseStarted && reused && !retried && !bodySent) {
            // a pooled connection the target had closed: try once more on a fresh one
            retried = true;
            reused = false;
            BackendConnection stale = conn;
            conn = null;
            stale.unbind();
            stale.channel.close();
            pending = new ArrayDeque<>();
            if (requestComplete) pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
            connect();
            return;
        }
        fail(502);
    }

    void onBackendTimeout() {
        if (!finished) fail(504);
    }

    private void fail(int status) {
        finished = true;
        backend.inFlight.decrementAndGet();
        releasePending();
        BackendConnection c = conn;
        conn = null;
        if (c != null) {
            c.unbind();
            c.channel.close();
        }
        if (responseStarted) {
            frontend.closeNow();
        } else {
            frontend.respondLocally(LocalResponses.error(status, clientKeepAlive && requestComplete), this, clientKeepAlive);
        }
    }

    @Override
    public void clientClosed() {
        if (finished) return;
        finished = true;
        backend.inFlight.decrementAndGet();
        releasePending();
        BackendConnection c = conn;
        conn = null;
        if (c != null) {
            c.unbind();
            c.channel.close();
        }
    }

    private void switchProtocols(HttpResponse response) {
        finished = true;
        responseStarted = true;
        BackendConnection c = conn;
        conn = null;
        c.detach();
        frontend.tunnel(response, c.channel, () -> backend.inFlight.decrementAndGet());
    }

    private void releasePending() {
        if (pending == null) return;
        HttpContent content;
        while ((content = pending.poll()) != null) content.release();
        pending = null;
    }
}
