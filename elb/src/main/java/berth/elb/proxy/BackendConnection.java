package berth.elb.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive connection to a target: serves one {@link ProxyExchange} at a time, or waits in
 * its {@link BackendPool}. One timer per connection, re-armed only when it fires, enforces both
 * the load balancer's idle timeout while a request waits (504) and the pool's idle limit.
 */
final class BackendConnection extends ChannelInboundHandlerAdapter {
    static final long POOL_IDLE_NANOS = TimeUnit.SECONDS.toNanos(55);

    final BackendPool pool;
    final InetSocketAddress address;
    Channel channel;
    boolean pooled;
    private ProxyExchange exchange;
    private long lastActivity = System.nanoTime();
    private ScheduledFuture<?> timer;
    private long timerDeadline;

    BackendConnection(BackendPool pool, InetSocketAddress address) {
        this.pool = pool;
        this.address = address;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    void bind(ProxyExchange served, long idleTimeoutNanos) {
        exchange = served;
        lastActivity = System.nanoTime();
        arm(lastActivity + idleTimeoutNanos);
    }

    void unbind() {
        exchange = null;
        lastActivity = System.nanoTime();
    }

    /** Stops the timer: the connection becomes a tunnel whose ends close it. */
    void detach() {
        exchange = null;
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivity = System.nanoTime();
        ProxyExchange served = exchange;
        if (served != null) {
            served.onBackendMessage(msg);
        } else {
            // a target that talks while no request is outstanding cannot be reused
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ProxyExchange served = exchange;
        if (served != null) served.flushClient();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ProxyExchange served = exchange;
        if (served != null) served.backendWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.remove(this);
        if (timer != null) timer.cancel(false);
        ProxyExchange served = exchange;
        exchange = null;
        if (served != null) served.onBackendClosed(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProxyExchange served = exchange;
        exchange = null;
        if (served != null) served.onBackendClosed(cause);
        ctx.close();
    }

    private void arm(long deadline) {
        if (timer != null && timerDeadline <= deadline) return;
        if (timer != null) timer.cancel(false);
        timerDeadline = deadline;
        timer = channel.eventLoop().schedule(this::checkIdle, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        timer = null;
        if (!channel.isActive()) return;
        ProxyExchange served = exchange;
        long limit = served != null ? served.idleTimeoutNanos() : POOL_IDLE_NANOS;
        long idleFor = System.nanoTime() - lastActivity;
        if (idleFor < limit) {
            arm(lastActivity + limit);
        } else if (served != null) {
            exchange = null;
            served.onBackendTimeout();
            channel.close();
        } else {
            channel.close();
        }
    }
}
