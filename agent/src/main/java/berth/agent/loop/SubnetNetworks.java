package berth.agent.loop;

import berth.agent.core.SubnetNetwork;
import berth.agent.runtime.Runtime;
import berth.agentwire.AssignedTask;
import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which subnets of the assigned awsvpc tasks may be networks of this host: the pure
 * {@link SubnetNetwork#conflict} over the host's routes ({@code /proc/net/route}), its interface
 * addresses and the engine's networks, decided for tasks still starting and kept for a few seconds. A
 * subnet refused is logged once with why; its tasks get addresses on the agent's awsvpc network.
 */
final class SubnetNetworks {
    private static final Logger LOG = LoggerFactory.getLogger(SubnetNetworks.class);
    private static final Duration KEPT = Duration.ofSeconds(5);
    private static final Path ROUTES = Path.of("/proc/net/route");

    private record Decision(Optional<SubnetNetwork> usable, Instant at) {}

    private final Runtime runtime;
    private final Clock clock;
    private final Map<String, Decision> decisions = new HashMap<>();
    private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();

    SubnetNetworks(Runtime runtime, Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
    }

    /** The usable networks of the subnets of {@code tasks} that are starting, by subnet id. */
    Map<String, SubnetNetwork> usable(List<AssignedTask> tasks) {
        Map<String, SubnetNetwork> usable = new HashMap<>();
        Instant now = clock.instant();
        Context context = null;
        for (AssignedTask task : tasks) {
            if (task.subnetCidr().isEmpty() || !"RUNNING".equals(task.desiredStatus())
                    || !(task.lastStatus().equals("PROVISIONING") || task.lastStatus().equals("PENDING"))) {
                continue;
            }
            String key = task.subnetId() + " " + task.subnetCidr();
            Decision d = decisions.get(key);
            if (d == null || d.at().plus(KEPT).isBefore(now)) {
                if (context == null) {
                    context = Context.read(runtime);
                }
                d = new Decision(decide(task.subnetId(), task.subnetCidr(), context), now);
                decisions.put(key, d);
            }
            d.usable().ifPresent(n -> usable.put(n.name(), n));
        }
        return usable;
    }

    private Optional<SubnetNetwork> decide(String subnetId, String cidr, Context context) {
        Optional<SubnetNetwork> network = SubnetNetwork.of(subnetId, cidr);
        if (network.isEmpty()) {
            logOnce(subnetId, "its block " + cidr + " is not an IPv4 block of /16 to /28");
            return Optional.empty();
        }
        Optional<String> conflict = network.get().conflict(context.routes, context.interfaces, context.engineNetworks);
        if (conflict.isPresent()) {
            logOnce(subnetId, conflict.get());
            return Optional.empty();
        }
        return network;
    }

    private void logOnce(String subnetId, String reason) {
        if (refusalsLogged.add(subnetId)) {
            LOG.info("subnet {} gets no network of its own on this host ({}); its awsvpc tasks use the agent's awsvpc network",
                    subnetId, reason);
        }
    }

    /** What the host and its engine hold now. */
    private record Context(List<String> routes, List<String> interfaces, Map<String, List<String>> engineNetworks) {
        static Context read(Runtime runtime) {
            List<String> routes;
            try {
                routes = SubnetNetwork.routes(Files.readString(ROUTES));
            } catch (IOException | RuntimeException e) {
                routes = List.of();
            }
            List<String> interfaces = new ArrayList<>();
            try {
                for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InterfaceAddress a : i.getInterfaceAddresses()) {
                        if (a.getAddress() instanceof java.net.Inet4Address v4 && !v4.isLoopbackAddress()) {
                            interfaces.add(v4.getHostAddress() + "/" + a.getNetworkPrefixLength());
                        }
                    }
                }
            } catch (SocketException e) {
                LOG.debug("reading interface addresses", e);
            }
            return new Context(routes, interfaces, runtime.networkSubnets());
        }
    }
}
