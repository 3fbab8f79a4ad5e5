package berth.agent.loop;

import berth.agent.runtime.EngineInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a host registers as a container instance: its capacity, the ports ECS's agent reserves, an
 * identity document, and the capability attributes ECS agents register, which task definitions'
 * {@code requiresAttributes} name.
 */
public final class HostRegistration {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String AGENT_VERSION = "1.0.0-berth";
    static final String INSTANCE_TYPE = "berth.local";
    /** SSH, the Docker daemon's ports and the ECS agent's introspection ports, as ECS reserves them. */
    static final List<String> RESERVED_TCP_PORTS = List.of("22", "2375", "2376", "51678", "51679");
    private static final String CAPABILITY = "com.amazonaws.ecs.capability.";
    private static final String ECS_CAPABILITY = "ecs.capability.";
    private static final int OLDEST_DOCKER_API_MINOR = 17;

    private HostRegistration() {}

    /**
     * @param identityDocument the instance metadata service's document when the host is an EC2
     *     instance; empty for one made up from {@code config} and the engine
     */
    static InstanceRegistration of(AgentConfig config, EngineInfo engine, String instanceId,
                                   Optional<String> containerInstanceArn, Optional<ObjectNode> identityDocument) {
        int cpu = config.cpuUnits().orElse(engine.cpuUnits());
        long memory = config.memoryMiB().orElse(Math.max(engine.memoryMiB() - AgentConfig.RESERVED_MEMORY_MIB, 0));
        Map<String, String> attributes = capabilities(engine);
        attributes.putAll(config.attributes());
        Map<String, String> tags = config.name().isEmpty() ? Map.of() : Map.of("Name", config.name());
        return new InstanceRegistration(config.cluster(), containerInstanceArn,
                identityDocument.map(HostRegistration::json).orElseGet(() -> identityDocument(config, engine, instanceId)),
                cpu, memory, RESERVED_TCP_PORTS, List.of(), attributes,
                tags, AGENT_VERSION, engine.engineVersion());
    }

    /** The capabilities this agent acts on, under the names ECS's agent registers them. */
    public static Map<String, String> capabilities(EngineInfo engine) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int minor = OLDEST_DOCKER_API_MINOR; minor <= apiMinor(engine.apiVersion()); minor++) {
            a.put(CAPABILITY + "docker-remote-api.1." + minor, "");
        }
        for (String driver : List.of("json-file", "awslogs", "none")) {
            a.put(CAPABILITY + "logging-driver." + driver, "");
        }
        for (String driver : engine.logDrivers()) {
            if (!driver.equals("awslogs")) {
                a.put(CAPABILITY + "logging-driver." + driver, "");
            }
        }
        for (String name : List.of("privileged-container", "ecr-auth", "task-iam-role", "task-iam-role-network-host",
                "private-registry-authentication.secretsmanager")) {
            a.put(CAPABILITY + name, "");
        }
        for (String name : List.of("task-eni", "awsvpc-trunking", "execution-role-awslogs", "execution-role-ecr-pull",
                "container-health-check", "container-ordering", "task-cpu-mem-limit", "docker-plugin.local",
                "private-registry-authentication.secretsmanager", "secrets.asm.environment-variables",
                "secrets.ssm.environment-variables", "env-files.s3", "full-sync")) {
            a.put(ECS_CAPABILITY + name, "");
        }
        a.put("ecs.os-type", engine.osType().isEmpty() ? "linux" : engine.osType());
        a.put("ecs.os-family", "LINUX");
        a.put("ecs.cpu-architecture", architecture(engine.architecture()));
        return a;
    }

    static int apiMinor(String apiVersion) {
        try {
            return Integer.parseInt(apiVersion.substring(apiVersion.indexOf('.') + 1));
        } catch (RuntimeException e) {
            return 24;
        }
    }

    private static String architecture(String engine) {
        return engine.equals("aarch64") || engine.equals("arm64") ? "arm64" : "x86_64";
    }

    private static String json(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String identityDocument(AgentConfig config, EngineInfo engine, String instanceId) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("instanceId", instanceId);
        doc.put("region", config.endpoint().region());
        doc.put("availabilityZone", config.zone());
        doc.put("instanceType", INSTANCE_TYPE);
        doc.put("architecture", architecture(engine.architecture()));
        doc.put("imageId", "berth-host");
        doc.put("privateIp", hostAddress());
        try {
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host's first non-loopback IPv4 address, else {@code 127.0.0.1}. */
    static String hostAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.getName().startsWith("docker") || nic.getName().startsWith("br-")
                        || nic.getName().startsWith("veth")) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return "127.0.0.1";
    }
}
