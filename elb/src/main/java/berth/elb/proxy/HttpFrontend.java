package berth.elb.proxy;

import berth.elb.core.RedirectLocation;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of an application load balancer's HTTP listener: decodes requests one at
 * a time (pipelined ones wait their turn), routes each through the listener's rules and answers it
 * itself (fixed response, redirect, error page) or hands it to a {@link ProxyExchange}. Closes the
 * connection after the load balancer's idle timeout without a request.
 */
final class HttpFrontend extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontend.class);
    private static final int MAX_QUEUED = 64;

    private final RouteHolder holder;
    private final BackendPools pools;
    private final ForwardChoice choice = new ForwardChoice();
    private ChannelHandlerContext ctx;
    private BackendPool pool;
    private String clientIp = "";
    private byte[] clientAddress = new byte[4];
    private Exchange exchange;
    private ArrayDeque<Object> queued;
    private boolean closing;
    private boolean keepAliveDisabled;
    private long lastActivity = System.nanoTime();
    private ScheduledFuture<?> idleTimer;

    HttpFrontend(RouteHolder holder, BackendPools pools) {
        this.holder = holder;
        this.pools = pools;
    }

    BackendPool pool() {
        return pool;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.pool = pools.of(ctx.channel().eventLoop());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            clientIp = remote.getAddress().getHostAddress();
            clientAddress = remote.getAddress().getAddress();
        }
        armIdleTimer();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivity = System.nanoTime();
        if (closing || !(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
        } else if ((queued != null && !queued.isEmpty()) || (exchange != null && exchange.requestComplete())) {
            if (queued == null) queued = new ArrayDeque<>();
            queued.add(msg);
            if (queued.size() >= MAX_QUEUED) setAutoRead(false);
        } else {
            dispatch(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) current.flushBackend();
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            start(request);
        } else if (exchange != null) {
            exchange.requestContent((HttpContent) msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void start(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongFrameException ? 400 : 400;
            respondLocally(LocalResponses.error(status, false), null, false);
            return;
        }
        ListenerRoute route = holder.route;
        if (route == null) {
            closeNow();
            return;
        }
        HttpHeaders headers = request.headers();
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !keepAliveDisabled;
        int refusal = refusal(request, headers);
        if (refusal != 0) {
            respondLocally(LocalResponses.error(refusal, keepAlive), null, keepAlive);
            return;
        }
        NettyRequestFacts facts = null;
        RouteAction action;
        if (route.rules().defaultOnly()) {
            action = route.rules().defaultAction();
        } else {
            facts = new NettyRequestFacts(request, clientAddress);
            action = route.rules().route(facts);
        }
        switch (action) {
            case RouteAction.Forward forward -> forward(request, headers, forward, route, keepAlive);
            case RouteAction.Fixed fixed -> respondLocally(LocalResponses.fixed(fixed, keepAlive), null, keepAlive);
            case RouteAction.Redirect redirect -> {
                NettyRequestFacts f = facts != null ? facts : new NettyRequestFacts(request, clientAddress);
                String location = RedirectLocation.of(redirect.redirect(), "HTTP", route.listener().port(), f.host(),
                        f.path(), f.rawQuery());
                respondLocally(LocalResponses.redirect(redirect.redirect().statusCode(), location, keepAlive), null, keepAlive);
            }
        }
    }

    /** ALB's own refusals of a request it will not route; 0 when it routes it. */
    private static int refusal(HttpRequest request, HttpHeaders headers) {
        if (request.protocolVersion().majorVersion() != 1) return 505;
        if (request.method() == HttpMethod.TRACE) return 405;
        if (request.protocolVersion() == HttpVersion.HTTP_1_1 && !headers.contains(HttpHeaderNames.HOST)) return 400;
        String transferEncoding = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
        if (transferEncoding != null && !transferEncoding.equalsIgnoreCase("chunked")) return 501;
        if (ForwardedHeaders.tooManyAddresses(headers)) return 463;
        return 0;
    }

    private void forward(HttpRequest request, HttpHeaders headers, RouteAction.Forward forward, ListenerRoute route,
                         boolean keepAlive) {
        ForwardChoice.Chosen chosen = choice.choose(forward, headers);
        if (chosen == null) {
            respondLocally(LocalResponses.error(503, keepAlive), null, keepAlive);
            return;
        }
        boolean upgrade = isUpgrade(headers);
        ForwardedHeaders.apply(headers, clientIp, route.portText(), upgrade);
        ProxyExchange proxied = new ProxyExchange(this, request, chosen.backend(), keepAlive, upgrade,
                route.idleTimeoutNanos(), chosen.sticky());
        exchange = proxied;
        proxied.start();
    }

    private static boolean isUpgrade(HttpHeaders headers) {
        return headers.contains(HttpHeaderNames.UPGRADE)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    void write(Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    void setAutoRead(boolean autoRead) {
        ctx.channel().config().setAutoRead(autoRead);
    }

    void disableKeepAlive() {
        keepAliveDisabled = true;
    }

    /** The target's answer is complete. */
    void responseDone(Exchange done, boolean keepAlive) {
        if (!keepAlive || keepAliveDisabled) {
            closeAfterFlush();
            return;
        }
        if (done.requestComplete()) {
            exchange = null;
            next();
        } else {
            exchange = new DiscardingExchange(this, true);
        }
    }

    /** A request answered early has been read to its end. */
    void exchangeDone(Exchange done, boolean keepAlive) {
        if (exchange != done) return;
        exchange = null;
        if (!keepAlive || keepAliveDisabled) {
            closeAfterFlush();
        } else {
            next();
        }
    }

    /** Answers the current request from the load balancer itself (of {@code failed}, or of none yet). */
    void respondLocally(FullHttpResponse response, Exchange failed, boolean keepAlive) {
        boolean keep = keepAlive && !keepAliveDisabled;
        if (!keep) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response, ctx.voidPromise());
        if (!keep) {
            closeAfterFlush();
        } else if (failed != null && failed.requestComplete()) {
            exchange = null;
            next();
        } else {
            exchange = new DiscardingExchange(this, true);
        }
    }

    private void next() {
        setAutoRead(true);
        while (!closing && queued != null && !queued.isEmpty() && (exchange == null || !exchange.requestComplete())) {
            dispatch(queued.poll());
        }
        if (exchange != null) exchange.flushBackend();
    }

    /** Becomes a byte tunnel to {@code backend} after a WebSocket (or other) upgrade answered 101. */
    void tunnel(HttpResponse switching, Channel backend, Runnable onClose) {
        Channel front = ctx.channel();
        ctx.writeAndFlush(switching, ctx.voidPromise());
        exchange = null;
        if (idleTimer != null) idleTimer.cancel(false);
        ChannelPipeline back = backend.pipeline();
        back.addLast("relay", new Relay(front, onClose));
        back.remove("backend");
        back.remove("http");
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast("relay", new Relay(backend, () -> {}));
        pipeline.remove(this);
        pipeline.remove("http");
        backend.config().setAutoRead(true);
        front.config().setAutoRead(true);
    }

    void closeNow() {
        closing = true;
        ctx.close();
    }

    private void closeAfterFlush() {
        closing = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) current.frontendWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (idleTimer != null) idleTimer.cancel(false);
        Exchange current = exchange;
        exchange = null;
        if (current != null && !current.requestComplete()) LOG.debug("460: client {} closed the connection mid-request", clientIp);
        if (current != null) current.clientClosed();
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection {} failed: {}", clientIp, cause.toString());
        ctx.close();
    }

    private void armIdleTimer() {
        ListenerRoute route = holder.route;
        long limit = route == null ? TimeUnit.SECONDS.toNanos(60) : route.idleTimeoutNanos();
        long delay = Math.max(0, lastActivity + limit - System.nanoTime());
        idleTimer = ctx.channel().eventLoop().schedule(this::checkIdle, delay, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        if (closing || !ctx.channel().isActive()) return;
        ListenerRoute route = holder.route;
        long limit = route == null ? 0 : route.idleTimeoutNanos();
        if (exchange == null && System.nanoTime() - lastActivity >= limit) {
            closeNow();
        } else {
            if (exchange != null) lastActivity = Math.max(lastActivity, System.nanoTime() - limit / 2);
            armIdleTimer();
        }
    }
}
