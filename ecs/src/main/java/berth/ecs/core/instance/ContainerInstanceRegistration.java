package berth.ecs.core.instance;

import berth.aws.Scope;
import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.InstanceStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What RegisterContainerInstance makes of an agent's request: the instance with the attributes ECS
 * adds from the identity document ({@code ecs.availability-zone}, {@code ecs.instance-type},
 * {@code ecs.ami-id}) and defaults for {@code ecs.os-type} ({@code linux}), {@code ecs.os-family}
 * ({@code LINUX}) and {@code ecs.cpu-architecture} (from the document, else {@code x86_64}) where the
 * agent sent none. The agent's other attributes are kept as sent.
 */
public final class ContainerInstanceRegistration {
    public static final String OS_FAMILY = "ecs.os-family";
    public static final String CPU_ARCHITECTURE = "ecs.cpu-architecture";
    public static final String AMI_ID = "ecs.ami-id";

    private ContainerInstanceRegistration() {}

    public static ContainerInstance register(Scope scope, String cluster, String id,
                                             InstanceIdentity identity, InstanceResources total, VersionInfo version,
                                             List<InstanceAttribute> agentAttributes, Map<String, String> tags,
                                             Instant now) {
        Map<String, InstanceAttribute> attributes = new LinkedHashMap<>();
        for (InstanceAttribute attribute : agentAttributes) {
            attributes.put(attribute.name(), attribute);
        }
        put(attributes, InstanceSnapshot.AVAILABILITY_ZONE, identity.availabilityZone());
        put(attributes, InstanceSnapshot.INSTANCE_TYPE, identity.instanceType());
        put(attributes, AMI_ID, identity.imageId());
        attributes.putIfAbsent(InstanceSnapshot.OS_TYPE, new InstanceAttribute(InstanceSnapshot.OS_TYPE, "linux"));
        attributes.putIfAbsent(OS_FAMILY, new InstanceAttribute(OS_FAMILY, "LINUX"));
        attributes.putIfAbsent(CPU_ARCHITECTURE, new InstanceAttribute(CPU_ARCHITECTURE,
                architecture(identity.architecture())));
        return new ContainerInstance(scope.accountId(), scope.region(), cluster, id, identity.ec2InstanceId(),
                InstanceStatus.ACTIVE,
                "", true, now, version, total, total, List.copyOf(attributes.values()), now, 0, 0, "", tags,
                identity.endpointAddress());
    }

    private static void put(Map<String, InstanceAttribute> attributes, String name, String value) {
        if (!value.isEmpty()) {
            attributes.put(name, new InstanceAttribute(name, value));
        }
    }

    /** ECS names architectures {@code x86_64} and {@code arm64}; identity documents say {@code x86_64}/{@code arm64}/{@code aarch64}. */
    static String architecture(String documented) {
        return switch (documented) {
            case "arm64", "aarch64" -> "arm64";
            default -> "x86_64";
        };
    }
}
