package berth.elb.proxy;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The target connection pool of each event loop. */
final class BackendPools {
    private final Transport transport;
    private final Map<EventLoop, BackendPool> pools = new ConcurrentHashMap<>();

    BackendPools(Transport transport) {
        this.transport = transport;
    }

    BackendPool of(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new BackendPool(l, transport));
    }
}
