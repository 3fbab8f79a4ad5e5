package berth.agent.docker;

import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.HealthStatus;
import berth.agent.runtime.NetworkBinding;
import berth.agent.runtime.Resources;
import berth.agent.runtime.TransportProtocol;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the engine's inspect response into a {@link ContainerObservation}. */
final class InspectTranslation {

    private static final long MIB = 1024L * 1024L;

    private InspectTranslation() {}

    static ContainerObservation observation(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState s = r.getState();
        ContainerState state = state(s.getStatus());
        ContainerConfig config = r.getConfig();
        boolean stopped = state.stopped();
        return new ContainerObservation(
                r.getId(),
                orEmpty(r.getName()).replaceFirst("^/", ""),
                config == null ? "" : orEmpty(config.getImage()),
                orEmpty(r.getImageId()),
                config == null || config.getLabels() == null ? Map.of() : config.getLabels(),
                state,
                stopped && s.getExitCodeLong() != null ? Optional.of(s.getExitCodeLong().intValue()) : Optional.empty(),
                instant(s.getStartedAt()),
                stopped ? instant(s.getFinishedAt()) : Optional.empty(),
                Boolean.TRUE.equals(s.getOOMKilled()),
                s.getHealth() == null ? HealthStatus.NONE : health(s.getHealth().getStatus()),
                orEmpty(s.getError()),
                bindings(r.getNetworkSettings()),
                ipAddresses(r.getNetworkSettings()),
                resources(r.getHostConfig()),
                macAddresses(r.getNetworkSettings()));
    }

    static ContainerState state(String status) {
        return switch (orEmpty(status)) {
            case "created" -> ContainerState.CREATED;
            case "running" -> ContainerState.RUNNING;
            case "paused" -> ContainerState.PAUSED;
            case "restarting" -> ContainerState.RESTARTING;
            case "removing" -> ContainerState.REMOVING;
            case "exited" -> ContainerState.EXITED;
            default -> ContainerState.DEAD;
        };
    }

    static HealthStatus health(String status) {
        return switch (orEmpty(status).toLowerCase(Locale.ROOT)) {
            case "starting" -> HealthStatus.STARTING;
            case "healthy" -> HealthStatus.HEALTHY;
            case "unhealthy" -> HealthStatus.UNHEALTHY;
            default -> HealthStatus.NONE;
        };
    }

    /** The engine writes {@code 0001-01-01T00:00:00Z} for times that have not happened. */
    static Optional<Instant> instant(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<NetworkBinding> bindings(NetworkSettings settings) {
        List<NetworkBinding> out = new ArrayList<>();
        if (settings == null || settings.getPorts() == null) {
            return out;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> e : settings.getPorts().getBindings().entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            TransportProtocol protocol = e.getKey().getProtocol() == InternetProtocol.UDP
                    ? TransportProtocol.UDP : TransportProtocol.TCP;
            for (Ports.Binding b : e.getValue()) {
                String port = orEmpty(b.getHostPortSpec());
                if (port.matches("\\d+")) {
                    out.add(new NetworkBinding(orEmpty(b.getHostIp()), e.getKey().getPort(), Integer.parseInt(port),
                            protocol));
                }
            }
        }
        return out;
    }

    private static Map<String, String> ipAddresses(NetworkSettings settings) {
        Map<String, String> out = new HashMap<>();
        if (settings == null || settings.getNetworks() == null) {
            return out;
        }
        for (Map.Entry<String, ContainerNetwork> e : settings.getNetworks().entrySet()) {
            String ip = e.getValue() == null ? "" : orEmpty(e.getValue().getIpAddress());
            if (!ip.isEmpty()) {
                out.put(e.getKey(), ip);
            }
        }
        return out;
    }

    private static Map<String, String> macAddresses(NetworkSettings settings) {
        Map<String, String> out = new HashMap<>();
        if (settings == null || settings.getNetworks() == null) {
            return out;
        }
        for (Map.Entry<String, ContainerNetwork> e : settings.getNetworks().entrySet()) {
            String mac = e.getValue() == null ? "" : orEmpty(e.getValue().getMacAddress());
            if (!mac.isEmpty()) {
                out.put(e.getKey(), mac);
            }
        }
        return out;
    }

    private static Resources resources(HostConfig host) {
        if (host == null) {
            return Resources.UNLIMITED;
        }
        return new Resources(
                host.getCpuShares() == null ? 0 : host.getCpuShares(),
                host.getNanoCPUs() == null ? 0 : host.getNanoCPUs(),
                host.getMemory() == null ? 0 : host.getMemory() / MIB,
                host.getMemoryReservation() == null ? 0 : host.getMemoryReservation() / MIB);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
