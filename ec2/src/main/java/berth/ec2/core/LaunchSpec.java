package berth.ec2.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What an instance is launched with, as RunInstances and launch templates give it (the fields berth
 * acts on; others are refused where they are read). Empty strings and lists where nothing was given,
 * so a template's data can be overlaid with a request's.
 *
 * @param associatePublicIp {@code true}, {@code false} or empty for the subnet's setting
 * @param httpTokens        the metadata service's {@code optional} or {@code required}; empty for optional
 * @param httpEndpoint      the metadata service's {@code enabled} or {@code disabled}; empty for enabled
 */
public record LaunchSpec(String imageId, String instanceType, String keyName, String userData, String instanceProfileArn,
                         String instanceProfileName, List<String> securityGroupIds, List<String> securityGroupNames,
                         String subnetId, String availabilityZone, String privateIpAddress, String associatePublicIp,
                         String httpTokens, String httpEndpoint, List<Tag> instanceTags) {
    public static final LaunchSpec EMPTY = new LaunchSpec("", "", "", "", "", "", List.of(), List.of(), "", "", "", "", "", "",
            List.of());

    public LaunchSpec {
        securityGroupIds = List.copyOf(securityGroupIds);
        securityGroupNames = List.copyOf(securityGroupNames);
        instanceTags = List.copyOf(instanceTags);
    }

    /** This spec with every field {@code over} gives replacing this one's; instance tags merge, {@code over}'s winning. */
    public LaunchSpec overlaidWith(LaunchSpec over) {
        List<String> groupIds = over.securityGroupIds.isEmpty() && over.securityGroupNames.isEmpty() ? securityGroupIds
                : over.securityGroupIds;
        List<String> groupNames = over.securityGroupIds.isEmpty() && over.securityGroupNames.isEmpty() ? securityGroupNames
                : over.securityGroupNames;
        boolean profileGiven = !over.instanceProfileArn.isEmpty() || !over.instanceProfileName.isEmpty();
        return new LaunchSpec(pick(over.imageId, imageId), pick(over.instanceType, instanceType), pick(over.keyName, keyName),
                pick(over.userData, userData), profileGiven ? over.instanceProfileArn : instanceProfileArn,
                profileGiven ? over.instanceProfileName : instanceProfileName, groupIds, groupNames,
                pick(over.subnetId, subnetId), pick(over.availabilityZone, availabilityZone),
                pick(over.privateIpAddress, privateIpAddress), pick(over.associatePublicIp, associatePublicIp),
                pick(over.httpTokens, httpTokens), pick(over.httpEndpoint, httpEndpoint),
                Tag.with(new ArrayList<>(instanceTags), over.instanceTags));
    }

    public boolean hasInstanceProfile() {
        return !instanceProfileArn.isEmpty() || !instanceProfileName.isEmpty();
    }

    private static String pick(String preferred, String fallback) {
        return preferred.isEmpty() ? fallback : preferred;
    }
}
