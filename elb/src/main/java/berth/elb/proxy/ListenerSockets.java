package berth.elb.proxy;

import berth.elb.core.ElbError;
import berth.elb.core.ListenerPorts;
import berth.elb.core.ListenerProtocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound sockets of listeners, on berth's bind address at each listener's own port. A socket
 * is bound when a listener is created (or its port changed), or when berth starts with listeners
 * stored; it is closed, with its connections, when its listener goes.
 */
final class ListenerSockets implements ListenerPorts {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerSockets.class);

    /** A listener's bound socket and the connections it accepted. */
    record Socket(String listenerId, ListenerProtocol protocol, int port, Channel server, RouteHolder holder,
                  ChannelGroup connections) {
        void close() {
            server.close().syncUninterruptibly();
            connections.close();
        }
    }

    private final Transport transport;
    private final BackendPools pools;
    private final String bindAddress;
    private final Consumer<String> claimConfirmed;
    private final Map<String, Socket> bound = new HashMap<>();
    private final Map<String, Socket> claimed = new HashMap<>();

    ListenerSockets(Transport transport, String bindAddress, Consumer<String> claimConfirmed) {
        this.transport = transport;
        this.pools = new BackendPools(transport);
        this.bindAddress = bindAddress;
        this.claimConfirmed = claimConfirmed;
    }

    @Override
    public synchronized PortClaim claim(String listenerId, ListenerProtocol protocol, int port) {
        Socket current = bound.get(listenerId);
        if (current != null && current.port() == port && current.protocol() == protocol) {
            return new PortClaim() {
                @Override public void confirm() { claimConfirmed.accept(listenerId); }
                @Override public void release() {}
            };
        }
        Socket socket;
        try {
            socket = bind(listenerId, protocol, port, new RouteHolder(null));
        } catch (Exception e) {
            // Netty rethrows the bind's java.net.BindException unchecked
            throw ElbError.INVALID_CONFIGURATION.exception("berth cannot listen on " + bindAddress + ":" + port
                    + ": port in use (" + e.getMessage() + ")");
        }
        claimed.put(listenerId, socket);
        return new PortClaim() {
            @Override
            public void confirm() {
                synchronized (ListenerSockets.this) {
                    if (claimed.remove(listenerId) != socket) return;
                    Socket old = bound.put(listenerId, socket);
                    if (old != null) old.close();
                }
                claimConfirmed.accept(listenerId);
            }

            @Override
            public void release() {
                synchronized (ListenerSockets.this) {
                    if (claimed.remove(listenerId) == socket) socket.close();
                }
            }
        };
    }

    /**
     * Makes the bound sockets match {@code routes}: updates the routes of sockets that stay, binds
     * the missing ones (logging a port that cannot be bound; the next pass tries again), closes
     * those of listeners that are gone. Claims still waiting are left alone.
     */
    synchronized void reconcile(Map<String, ListenerRoute> routes) {
        for (var it = bound.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Socket> entry = it.next();
            ListenerRoute route = routes.get(entry.getKey());
            Socket socket = entry.getValue();
            if (route == null || route.listener().port() != socket.port() || route.listener().protocol() != socket.protocol()) {
                if (claimed.containsKey(entry.getKey())) continue;
                socket.close();
                it.remove();
                LOG.info("closed listener {} on port {}", entry.getKey(), socket.port());
            }
        }
        for (Map.Entry<String, ListenerRoute> entry : routes.entrySet()) {
            String id = entry.getKey();
            ListenerRoute route = entry.getValue();
            Socket socket = bound.get(id);
            if (socket == null && claimed.containsKey(id)) socket = claimed.get(id);
            if (socket != null) {
                socket.holder().route = route;
                continue;
            }
            try {
                bound.put(id, bind(id, route.listener().protocol(), route.listener().port(), new RouteHolder(route)));
            } catch (Exception e) {
                LOG.warn("listener {} cannot listen on {}:{}: {}", route.listener().arn(), bindAddress,
                        route.listener().port(), e.getMessage());
            }
        }
    }

    synchronized Set<Integer> boundPorts() {
        Set<Integer> ports = new java.util.TreeSet<>();
        bound.values().forEach(s -> ports.add(s.port()));
        return ports;
    }

    synchronized void closeAll() {
        bound.values().forEach(Socket::close);
        claimed.values().forEach(Socket::close);
        bound.clear();
        claimed.clear();
    }

    private Socket bind(String listenerId, ListenerProtocol protocol, int port, RouteHolder holder) {
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap().group(transport.group).channel(transport.serverChannel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, protocol == ListenerProtocol.HTTP)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        if (protocol == ListenerProtocol.HTTP) {
                            ch.pipeline().addLast("http", new HttpServerCodec(16384, 65536, 8192));
                            ch.pipeline().addLast("frontend", new HttpFrontend(holder, pools));
                        } else {
                            ch.pipeline().addLast("frontend", new TcpFrontend(holder, transport));
                        }
                    }
                });
        Channel server = bootstrap.bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly().channel();
        LOG.info("listener {} listens on {}:{} ({})", listenerId, bindAddress, port, protocol);
        return new Socket(listenerId, protocol, port, server, holder, connections);
    }
}
