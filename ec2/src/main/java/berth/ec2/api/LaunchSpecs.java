package berth.ec2.api;

import berth.ec2.core.Ec2Errors;
import berth.ec2.core.LaunchSpec;
import berth.ec2.core.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * RunInstances requests and launch template data as {@link LaunchSpec}s. A member berth does not
 * act on is refused by name rather than stored and ignored.
 */
final class LaunchSpecs {
    private static final Set<String> TEMPLATE_MEMBERS = Set.of("ImageId", "InstanceType", "KeyName", "UserData",
            "IamInstanceProfile", "SecurityGroupIds", "SecurityGroups", "NetworkInterfaces", "Placement", "TagSpecifications",
            "MetadataOptions", "Monitoring", "EbsOptimized", "DisableApiTermination", "InstanceInitiatedShutdownBehavior");
    private static final Set<String> RUN_MEMBERS = Set.of("ImageId", "InstanceType", "KeyName", "UserData",
            "IamInstanceProfile", "SecurityGroupIds", "SecurityGroups", "NetworkInterfaces", "Placement", "TagSpecifications",
            "MetadataOptions", "Monitoring", "EbsOptimized", "MinCount", "MaxCount", "SubnetId", "PrivateIpAddress",
            "ClientToken", "DryRun", "LaunchTemplate", "DisableApiTermination", "InstanceInitiatedShutdownBehavior");

    private LaunchSpecs() {}

    static LaunchSpec ofTemplateData(RequestLaunchTemplateData d) {
        if (d == null) return LaunchSpec.EMPTY;
        refuseOthers(d, TEMPLATE_MEMBERS, "launch template data");
        Network net = network(d.networkInterfaces().stream().map(n -> new NetworkSpec(n.deviceIndex(), n.subnetId(),
                n.groups(), n.associatePublicIpAddress(), n.privateIpAddress())).toList());
        List<Tag> instanceTags = new ArrayList<>();
        for (LaunchTemplateTagSpecificationRequest spec : d.tagSpecifications()) {
            String type = spec.resourceTypeAsString();
            if ("instance".equals(type)) {
                instanceTags.addAll(Shapes.fromSdk(spec.tags()));
            } else {
                throw Ec2Errors.unsupported("launch template tag specifications for " + type);
            }
        }
        checkShutdown(d.instanceInitiatedShutdownBehaviorAsString());
        checkTermination(d.disableApiTermination());
        checkMonitoring(d.monitoring() == null ? null : d.monitoring().enabled());
        var profile = d.iamInstanceProfile();
        var metadata = d.metadataOptions();
        return new LaunchSpec(orEmpty(d.imageId()), orEmpty(d.instanceTypeAsString()), orEmpty(d.keyName()), orEmpty(d.userData()),
                profile == null ? "" : orEmpty(profile.arn()), profile == null ? "" : orEmpty(profile.name()),
                union(d.securityGroupIds(), net.groups()), d.securityGroups(), net.subnetId(),
                d.placement() == null ? "" : orEmpty(d.placement().availabilityZone()), net.privateIp(), net.publicIp(),
                metadata == null ? "" : orEmpty(metadata.httpTokensAsString()),
                metadata == null ? "" : orEmpty(metadata.httpEndpointAsString()), instanceTags);
    }

    static LaunchSpec ofRunInstances(RunInstancesRequest r) {
        refuseOthers(r, RUN_MEMBERS, "RunInstances");
        Network net = network(r.networkInterfaces().stream().map(n -> new NetworkSpec(n.deviceIndex(), n.subnetId(),
                n.groups(), n.associatePublicIpAddress(), n.privateIpAddress())).toList());
        if (!net.subnetId().isEmpty() && r.subnetId() != null) {
            throw Ec2Errors.INVALID_PARAMETER_COMBINATION.exception("Network interfaces and an instance-level subnet ID may not"
                    + " be specified on the same request");
        }
        checkShutdown(r.instanceInitiatedShutdownBehaviorAsString());
        checkTermination(r.disableApiTermination());
        checkMonitoring(r.monitoring() == null ? null : r.monitoring().enabled());
        var profile = r.iamInstanceProfile();
        var metadata = r.metadataOptions();
        return new LaunchSpec(orEmpty(r.imageId()), orEmpty(r.instanceTypeAsString()), orEmpty(r.keyName()), orEmpty(r.userData()),
                profile == null ? "" : orEmpty(profile.arn()), profile == null ? "" : orEmpty(profile.name()),
                union(r.securityGroupIds(), net.groups()), r.securityGroups(),
                net.subnetId().isEmpty() ? orEmpty(r.subnetId()) : net.subnetId(),
                r.placement() == null ? "" : orEmpty(r.placement().availabilityZone()),
                net.privateIp().isEmpty() ? orEmpty(r.privateIpAddress()) : net.privateIp(), net.publicIp(),
                metadata == null ? "" : orEmpty(metadata.httpTokensAsString()),
                metadata == null ? "" : orEmpty(metadata.httpEndpointAsString()),
                Tagging.forType(r.tagSpecifications(), "instance"));
    }

    private record NetworkSpec(Integer deviceIndex, String subnetId, List<String> groups, Boolean publicIp, String privateIp) {}

    private record Network(String subnetId, List<String> groups, String publicIp, String privateIp) {}

    private static Network network(List<NetworkSpec> interfaces) {
        if (interfaces.isEmpty()) return new Network("", List.of(), "", "");
        if (interfaces.size() > 1) throw Ec2Errors.unsupported("more than one network interface per instance");
        NetworkSpec n = interfaces.get(0);
        if (n.deviceIndex() != null && n.deviceIndex() != 0) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Each network interface requires a device index of 0 first");
        }
        return new Network(orEmpty(n.subnetId()), n.groups(), n.publicIp() == null ? "" : n.publicIp().toString(),
                orEmpty(n.privateIp()));
    }

    private static void refuseOthers(SdkPojo pojo, Set<String> supported, String where) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (supported.contains(field.memberName())) continue;
            Object value = field.getValueOrDefault(pojo);
            boolean given = value != null && !(value instanceof Collection<?> c && c.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty())
                    && !(value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>)
                    && !(value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>);
            if (given) throw Ec2Errors.unsupported(field.memberName() + " in " + where);
        }
    }

    private static void checkShutdown(String behavior) {
        if (behavior != null && !behavior.equals("terminate") && !behavior.equals("stop")) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Invalid value '" + behavior + "' for InstanceInitiatedShutdownBehavior");
        }
    }

    private static void checkTermination(Boolean disabled) {
        if (Boolean.TRUE.equals(disabled)) throw Ec2Errors.unsupported("DisableApiTermination");
    }

    private static void checkMonitoring(Boolean enabled) {
        if (Boolean.TRUE.equals(enabled)) throw Ec2Errors.unsupported("detailed monitoring");
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
