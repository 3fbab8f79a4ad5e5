package berth.ecs.api;

import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.instance.InstanceAttribute;
import berth.ecs.core.instance.InstanceIdentity;
import berth.ecs.core.instance.InstanceResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.TargetType;

/** Container instances, their resources and identity documents between the SDK's shapes and core. */
final class ContainerInstanceMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerInstanceMapping() {}

    /** The identity document of a RegisterContainerInstance request. */
    static InstanceIdentity identity(String document) {
        if (document == null || document.isBlank()) {
            throw EcsErrors.INVALID_PARAMETER.exception("An instanceIdentityDocument is required to register a"
                    + " container instance.");
        }
        JsonNode json;
        try {
            json = JSON.readTree(document);
        } catch (IOException e) {
            throw EcsErrors.CLIENT.exception("Invalid instance identity document: it is not a JSON object.");
        }
        if (json == null || !json.isObject()) {
            throw EcsErrors.CLIENT.exception("Invalid instance identity document: it is not a JSON object.");
        }
        String instanceId = field(json, "instanceId");
        if (instanceId.isEmpty()) {
            throw EcsErrors.CLIENT.exception("Invalid instance identity document: instanceId is missing.");
        }
        String endpoint = field(json, "endpoint");
        return new InstanceIdentity(instanceId, field(json, "region"), field(json, "availabilityZone"),
                field(json, "instanceType"), field(json, "architecture"), field(json, "imageId"),
                endpoint.isEmpty() ? field(json, "privateIp") : endpoint);
    }

    private static String field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
    }

    /** The totalResources an agent registers: CPU and MEMORY integers, PORTS and PORTS_UDP string sets. */
    static InstanceResources resources(List<Resource> resources) {
        Integer cpu = null;
        Integer memory = null;
        Set<Integer> tcp = new HashSet<>();
        Set<Integer> udp = new HashSet<>();
        for (Resource r : resources) {
            String name = r.name() == null ? "" : r.name();
            switch (name) {
                case "CPU" -> cpu = integer(r, name);
                case "MEMORY" -> memory = integer(r, name);
                case "PORTS" -> tcp.addAll(ports(r));
                case "PORTS_UDP" -> udp.addAll(ports(r));
                default -> { }
            }
        }
        if (cpu == null || memory == null) {
            throw EcsErrors.INVALID_PARAMETER.exception("totalResources must include the CPU and MEMORY resources.");
        }
        return new InstanceResources(cpu, memory, tcp, udp);
    }

    private static int integer(Resource r, String name) {
        Number value = r.integerValue() != null ? r.integerValue() : r.longValue() != null ? r.longValue()
                : r.doubleValue();
        if (value == null || value.longValue() < 0 || value.longValue() > Integer.MAX_VALUE) {
            throw EcsErrors.INVALID_PARAMETER.exception("Resource " + name + " needs a non-negative integerValue.");
        }
        return value.intValue();
    }

    private static List<Integer> ports(Resource r) {
        List<Integer> ports = new ArrayList<>();
        for (String port : r.stringSetValue()) {
            try {
                int number = Integer.parseInt(port.trim());
                if (number < 1 || number > 65535) {
                    throw new NumberFormatException(port);
                }
                ports.add(number);
            } catch (NumberFormatException e) {
                throw EcsErrors.INVALID_PARAMETER.exception("Resource " + r.name() + " has an invalid port '" + port
                        + "'.");
            }
        }
        return ports;
    }

    static List<InstanceAttribute> attributes(List<Attribute> attributes) {
        return attributes.stream()
                .map(a -> new InstanceAttribute(a.name() == null ? "" : a.name(), a.value() == null ? "" : a.value()))
                .toList();
    }

    static software.amazon.awssdk.services.ecs.model.ContainerInstance toSdk(ContainerInstance i, long version,
                                                                             boolean withTags) {
        var b = software.amazon.awssdk.services.ecs.model.ContainerInstance.builder()
                .containerInstanceArn(i.arn())
                .ec2InstanceId(i.ec2InstanceId())
                .version(version)
                .versionInfo(v -> {
                    if (!i.versionInfo().agentVersion().isEmpty()) v.agentVersion(i.versionInfo().agentVersion());
                    if (!i.versionInfo().agentHash().isEmpty()) v.agentHash(i.versionInfo().agentHash());
                    if (!i.versionInfo().dockerVersion().isEmpty()) v.dockerVersion(i.versionInfo().dockerVersion());
                })
                .remainingResources(resources(i.remainingResources()))
                .registeredResources(resources(i.registeredResources()))
                .status(i.status().name())
                .agentConnected(i.agentConnected())
                .runningTasksCount(i.runningTasksCount())
                .pendingTasksCount(i.pendingTasksCount())
                .attributes(i.attributes().stream().map(a -> {
                    var attribute = Attribute.builder().name(a.name());
                    if (!a.value().isEmpty()) attribute.value(a.value());
                    return attribute.build();
                }).toList())
                .registeredAt(i.registeredAt())
                .attachments(List.of());
        if (!i.statusReason().isEmpty()) b.statusReason(i.statusReason());
        if (!i.capacityProviderName().isEmpty()) b.capacityProviderName(i.capacityProviderName());
        if (withTags && !i.tags().isEmpty()) b.tags(TagMapping.toSdk(i.tags()));
        return b.build();
    }

    static List<Resource> resources(InstanceResources r) {
        return List.of(
                Resource.builder().name("CPU").type("INTEGER").doubleValue(0.0).longValue(0L).integerValue(r.cpu()).build(),
                Resource.builder().name("MEMORY").type("INTEGER").doubleValue(0.0).longValue(0L)
                        .integerValue(r.memoryMiB()).build(),
                Resource.builder().name("PORTS").type("STRINGSET").doubleValue(0.0).longValue(0L).integerValue(0)
                        .stringSetValue(r.tcpPorts().stream().sorted().map(String::valueOf).toList()).build(),
                Resource.builder().name("PORTS_UDP").type("STRINGSET").doubleValue(0.0).longValue(0L).integerValue(0)
                        .stringSetValue(r.udpPorts().stream().sorted().map(String::valueOf).toList()).build());
    }

    /** An instance attribute as ListAttributes and PutAttributes report it: with its target. */
    static Attribute targeted(InstanceAttribute a, String instanceArn) {
        var b = Attribute.builder().name(a.name()).targetType(TargetType.CONTAINER_INSTANCE).targetId(instanceArn);
        if (!a.value().isEmpty()) b.value(a.value());
        return b.build();
    }
}
