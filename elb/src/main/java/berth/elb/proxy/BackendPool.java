package berth.elb.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive connections to targets, one pool per event loop: only that loop's client connections
 * use it, so it needs no lock. Idle connections are reused last-in first-out (the warmest first)
 * and closed after {@link BackendConnection#POOL_IDLE_NANOS} unused.
 */
final class BackendPool {
    /** How long ALB waits for a connection to a target before answering 504. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Bootstrap bootstrap;
    private final Map<InetSocketAddress, ArrayDeque<BackendConnection>> idle = new HashMap<>();

    BackendPool(EventLoop loop, Transport transport) {
        this.bootstrap = new Bootstrap().group(loop).channel(transport.channel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    /** An idle open connection to {@code address}, or null. */
    BackendConnection poll(InetSocketAddress address) {
        ArrayDeque<BackendConnection> queue = idle.get(address);
        if (queue == null) return null;
        BackendConnection c;
        while ((c = queue.pollLast()) != null) {
            c.pooled = false;
            if (c.channel.isActive()) return c;
        }
        return null;
    }

    /** A new connection to {@code address}; the future's channel carries its {@link BackendConnection}. */
    ChannelFuture connect(InetSocketAddress address) {
        BackendPool pool = this;
        return bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("http", new HttpClientCodec(4096, 65536, 8192, false, false));
                ch.pipeline().addLast("backend", new BackendConnection(pool, address));
            }
        }).connect(address);
    }

    void release(BackendConnection c) {
        if (!c.channel.isActive()) return;
        c.pooled = true;
        if (!c.channel.config().isAutoRead()) c.channel.config().setAutoRead(true);
        idle.computeIfAbsent(c.address, a -> new ArrayDeque<>()).addLast(c);
    }

    void remove(BackendConnection c) {
        if (!c.pooled) return;
        c.pooled = false;
        ArrayDeque<BackendConnection> queue = idle.get(c.address);
        if (queue != null) {
            queue.remove(c);
            if (queue.isEmpty()) idle.remove(c.address);
        }
    }
}
