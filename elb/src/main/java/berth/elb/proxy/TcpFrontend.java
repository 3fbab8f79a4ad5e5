package berth.elb.proxy;

import berth.elb.core.TargetChoice;
import berth.elb.core.TargetGroupAttributes;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection of a network load balancer's TCP listener: picks a target for the whole
 * connection (round robin among eligible targets, or by the client's address with source_ip
 * stickiness), connects to it and passes bytes both ways. No target, or a target that refuses,
 * closes the client connection.
 */
final class TcpFrontend extends ChannelInboundHandlerAdapter {
    private final RouteHolder holder;
    private final Transport transport;

    TcpFrontend(RouteHolder holder, Transport transport) {
        this.holder = holder;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel front = ctx.channel();
        ListenerRoute route = holder.route;
        Backend backend = route == null ? null : pick(route, front);
        if (backend == null) {
            front.close();
            return;
        }
        backend.inFlight.incrementAndGet();
        ChannelFuture connect = new Bootstrap().group(front.eventLoop()).channel(transport.channel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, BackendPool.CONNECT_TIMEOUT_MILLIS)
                .handler(new Relay(front, backend.inFlight::decrementAndGet))
                .connect(backend.address);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                front.close();
                return;
            }
            Channel target = connect.channel();
            if (!front.isActive()) {
                target.close();
                return;
            }
            ctx.pipeline().replace(this, "relay", new Relay(target, () -> {}));
            target.config().setAutoRead(true);
            front.config().setAutoRead(true);
        });
    }

    private static Backend pick(ListenerRoute route, Channel front) {
        if (!(route.rules().defaultAction() instanceof RouteAction.Forward forward)) return null;
        TargetGroupRuntime group = forward.only();
        if (group == null) {
            if (forward.totalWeight() == 0) return null;
            group = forward.groups()[TargetChoice.weighted(forward.weights(), ThreadLocalRandom.current().nextInt(forward.totalWeight()))];
        }
        TargetGroupAttributes attributes = group.group().attributes();
        if (attributes.stickinessEnabled() && front.remoteAddress() instanceof InetSocketAddress remote) {
            return group.bySourceHash(Arrays.hashCode(remote.getAddress().getAddress()));
        }
        return group.pick();
    }
}
