package berth.elb.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every listener, target connection and health check of the data plane runs on:
 * native epoll where Linux offers it, Java NIO elsewhere. A client connection and the target
 * connections serving it share one event loop, so a request crosses no thread.
 */
final class Transport implements AutoCloseable {
    final EventLoopGroup group;
    final Class<? extends ServerChannel> serverChannel;
    final Class<? extends Channel> channel;
    final boolean nativeEpoll;

    private Transport(EventLoopGroup group, Class<? extends ServerChannel> serverChannel,
                      Class<? extends Channel> channel, boolean nativeEpoll) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.channel = channel;
        this.nativeEpoll = nativeEpoll;
    }

    static Transport create(int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("elb-data-plane", true);
        if (Epoll.isAvailable()) {
            return new Transport(new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory()),
                    EpollServerSocketChannel.class, EpollSocketChannel.class, true);
        }
        return new Transport(new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
                NioServerSocketChannel.class, NioSocketChannel.class, false);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
