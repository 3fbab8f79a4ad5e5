package berth.asg.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An Auto Scaling group over a launch template, its size bounds and desired capacity, the subnets it
 * launches into (balanced across their zones), its instances and tags.
 *
 * @param launchTemplateVersion {@code $Default}, {@code $Latest} or a number
 * @param lastScaledAt          when a scaling policy last changed the desired capacity (for cooldowns); EPOCH for never
 * @param deleting              DeleteAutoScalingGroup with ForceDelete: instances are terminated, then the group goes
 */
public record Group(String accountId, String region, String name, String launchTemplateId, String launchTemplateName,
                    String launchTemplateVersion, int minSize, int maxSize, int desiredCapacity, int defaultCooldown,
                    List<String> subnetIds, List<String> availabilityZones, String healthCheckType,
                    int healthCheckGracePeriod, boolean newInstancesProtectedFromScaleIn, List<GroupTag> tags,
                    List<Member> members, Instant createdAt, Instant lastScaledAt, boolean deleting) {

    /** A group tag; {@code propagateAtLaunch} puts it on the instances the group launches. */
    public record GroupTag(String key, String value, boolean propagateAtLaunch) {}

    public Group {
        subnetIds = List.copyOf(subnetIds);
        availabilityZones = List.copyOf(availabilityZones);
        tags = List.copyOf(tags);
        members = List.copyOf(members);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return scope().arn("autoscaling", "autoScalingGroup:" + uuid() + ":autoScalingGroupName/" + name);
    }

    /** A stable id for the ARN, from the group's name and creation. */
    private String uuid() {
        java.util.UUID id = java.util.UUID.nameUUIDFromBytes((accountId + region + name + createdAt).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return id.toString();
    }

    public Group withMembers(List<Member> changed) {
        return new Group(accountId, region, name, launchTemplateId, launchTemplateName, launchTemplateVersion, minSize, maxSize,
                desiredCapacity, defaultCooldown, subnetIds, availabilityZones, healthCheckType, healthCheckGracePeriod,
                newInstancesProtectedFromScaleIn, tags, changed, createdAt, lastScaledAt, deleting);
    }

    public Group withSize(int min, int max, int desired) {
        return new Group(accountId, region, name, launchTemplateId, launchTemplateName, launchTemplateVersion, min, max, desired,
                defaultCooldown, subnetIds, availabilityZones, healthCheckType, healthCheckGracePeriod,
                newInstancesProtectedFromScaleIn, tags, members, createdAt, lastScaledAt, deleting);
    }

    public Group withScaledAt(Instant at) {
        return new Group(accountId, region, name, launchTemplateId, launchTemplateName, launchTemplateVersion, minSize, maxSize,
                desiredCapacity, defaultCooldown, subnetIds, availabilityZones, healthCheckType, healthCheckGracePeriod,
                newInstancesProtectedFromScaleIn, tags, members, createdAt, at, deleting);
    }

    public Group withTags(List<GroupTag> changed) {
        return new Group(accountId, region, name, launchTemplateId, launchTemplateName, launchTemplateVersion, minSize, maxSize,
                desiredCapacity, defaultCooldown, subnetIds, availabilityZones, healthCheckType, healthCheckGracePeriod,
                newInstancesProtectedFromScaleIn, changed, members, createdAt, lastScaledAt, deleting);
    }

    public Group markedForDeletion() {
        return new Group(accountId, region, name, launchTemplateId, launchTemplateName, launchTemplateVersion, 0, 0, 0,
                defaultCooldown, subnetIds, availabilityZones, healthCheckType, healthCheckGracePeriod,
                newInstancesProtectedFromScaleIn, tags, members, createdAt, lastScaledAt, true);
    }

    public Group withSettings(String templateId, String templateName, String templateVersion, int cooldown,
                              List<String> subnets, List<String> zones, String healthType, int grace, boolean protect) {
        return new Group(accountId, region, name, templateId, templateName, templateVersion, minSize, maxSize, desiredCapacity,
                cooldown, subnets, zones, healthType, grace, protect, tags, members, createdAt, lastScaledAt, deleting);
    }
}
