package berth.agent.docker;

import berth.agent.runtime.RuntimeFailure;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** User-defined bridge networks on a Docker Engine. */
final class DockerNetworks {

    private static final Logger LOG = LoggerFactory.getLogger(DockerNetworks.class);

    private final DockerClient client;
    private final DockerFailures failures;

    DockerNetworks(DockerClient client, DockerFailures failures) {
        this.client = client;
        this.failures = failures;
    }

    String ensure(String name, Optional<String> subnet, Map<String, String> labels) {
        return failures.call("ensure network " + name, () -> {
            Optional<Network> existing = find(name);
            if (existing.isPresent()) {
                return matching(existing.get(), subnet);
            }
            CreateNetworkCmd cmd = client.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withLabels(labels);
            subnet.ifPresent(s -> cmd.withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(s))));
            try {
                String id = cmd.exec().getId();
                LOG.info("network {} created as {}", name, id);
                return id;
            } catch (ConflictException createdMeanwhile) {
                return matching(find(name).orElseThrow(() -> createdMeanwhile), subnet);
            }
        });
    }

    /** A network with its subnet, gateway and the addresses IPAM keeps from containers (aux addresses). */
    String ensure(String name, String subnet, String gateway, List<String> reserved, Map<String, String> labels) {
        return failures.call("ensure network " + name, () -> {
            Optional<Network> existing = find(name);
            if (existing.isPresent()) {
                return matching(existing.get(), Optional.of(subnet));
            }
            Map<String, String> aux = new java.util.LinkedHashMap<>();
            for (int i = 0; i < reserved.size(); i++) {
                aux.put("aws-reserved-" + (i + 1), reserved.get(i));
            }
            CreateNetworkCmd cmd = client.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withLabels(labels)
                    .withIpam(new Network.Ipam().withConfig(new ReservingConfig(aux).withSubnet(subnet).withGateway(gateway)));
            try {
                String id = cmd.exec().getId();
                LOG.info("network {} created as {} with subnet {} and gateway {}", name, id, subnet, gateway);
                return id;
            } catch (ConflictException createdMeanwhile) {
                return matching(find(name).orElseThrow(() -> createdMeanwhile), Optional.of(subnet));
            }
        });
    }

    List<String> list(List<String> labelFilters) {
        return failures.call("list networks", () -> client.listNetworksCmd()
                .withFilter("label", labelFilters).exec().stream().map(Network::getName).sorted().toList());
    }

    Map<String, List<String>> subnets() {
        return failures.call("list networks", () -> {
            Map<String, List<String>> subnets = new java.util.TreeMap<>();
            for (Network n : client.listNetworksCmd().exec()) {
                List<String> blocks = n.getIpam() == null || n.getIpam().getConfig() == null ? List.of()
                        : n.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet)
                        .filter(s -> s != null && s.contains(".")).toList();
                subnets.put(n.getName(), blocks);
            }
            return subnets;
        });
    }

    /** IPAM config with the engine's {@code AuxiliaryAddresses}, which docker-java's model lacks. */
    static final class ReservingConfig extends Network.Ipam.Config {
        private static final long serialVersionUID = 1L;
        @com.fasterxml.jackson.annotation.JsonProperty("AuxiliaryAddresses")
        private final Map<String, String> auxiliaryAddresses;

        ReservingConfig(Map<String, String> auxiliaryAddresses) {
            this.auxiliaryAddresses = Map.copyOf(auxiliaryAddresses);
        }

        public Map<String, String> getAuxiliaryAddresses() {
            return auxiliaryAddresses;
        }
    }

    void remove(String name) {
        failures.run("remove network " + name, () -> {
            try {
                client.removeNetworkCmd(name).exec();
                LOG.info("network {} removed", name);
            } catch (NotFoundException absent) {
                LOG.debug("network {} already absent", name);
            }
        });
    }

    /** The network called exactly {@code name}; the engine would also match an id prefix. */
    private Optional<Network> find(String name) {
        try {
            Network n = client.inspectNetworkCmd().withNetworkId(name).exec();
            return name.equals(n.getName()) ? Optional.of(n) : Optional.empty();
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    private static String matching(Network network, Optional<String> subnet) {
        if (subnet.isPresent()) {
            List<String> subnets = network.getIpam() == null || network.getIpam().getConfig() == null ? List.of()
                    : network.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet).toList();
            if (!subnets.contains(subnet.get())) {
                throw new RuntimeFailure.Conflict("network " + network.getName() + " exists with subnets " + subnets
                        + ", not " + subnet.get(), null);
            }
        }
        return network.getId();
    }
}
