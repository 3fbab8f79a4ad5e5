package berth.asg.api;

import berth.asg.control.Ec2Fleet;
import berth.asg.control.GroupLoop;
import berth.asg.core.AsgErrors;
import berth.asg.core.Group;
import berth.asg.core.Member;
import berth.asg.state.AsgRecords;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.autoscaling.model.*;

/** Auto Scaling groups: create, describe, update, delete, desired capacity, instances and their protection. */
final class GroupApi {
    private static final Set<String> CREATE_MEMBERS = Set.of("AutoScalingGroupName", "LaunchTemplate", "MinSize", "MaxSize",
            "DesiredCapacity", "DefaultCooldown", "AvailabilityZones", "VPCZoneIdentifier", "HealthCheckType",
            "HealthCheckGracePeriod", "NewInstancesProtectedFromScaleIn", "Tags", "TerminationPolicies", "CapacityRebalance");
    private static final Set<String> UPDATE_MEMBERS = Set.of("AutoScalingGroupName", "LaunchTemplate", "MinSize", "MaxSize",
            "DesiredCapacity", "DefaultCooldown", "AvailabilityZones", "VPCZoneIdentifier", "HealthCheckType",
            "HealthCheckGracePeriod", "NewInstancesProtectedFromScaleIn", "TerminationPolicies", "CapacityRebalance");

    private final AsgRecords records;
    private final Ec2Fleet fleet;
    private final GroupLoop loop;
    private final Clock clock;

    GroupApi(AsgRecords records, Ec2Fleet fleet, GroupLoop loop, Clock clock) {
        this.records = records;
        this.fleet = fleet;
        this.loop = loop;
        this.clock = clock;
    }

    CreateAutoScalingGroupResponse create(CreateAutoScalingGroupRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        refuseOthers(r, CREATE_MEMBERS);
        checkPolicies(r.terminationPolicies());
        if (Boolean.TRUE.equals(r.capacityRebalance())) throw unsupported("CapacityRebalance (berth has no Spot instances)");
        String name = r.autoScalingGroupName();
        if (r.launchTemplate() == null) {
            throw AsgErrors.VALIDATION_ERROR.exception("Valid requests must contain either LaunchTemplate, LaunchConfigurationName,"
                    + " InstanceId or MixedInstancesPolicy parameter.");
        }
        var template = fleet.template(scope, r.launchTemplate().launchTemplateId(), r.launchTemplate().launchTemplateName());
        String version = version(r.launchTemplate().version());
        int min = r.minSize();
        int max = r.maxSize();
        int desired = r.desiredCapacity() == null ? min : r.desiredCapacity();
        checkSize(min, max, desired);
        List<String> subnets = subnets(scope, r.vpcZoneIdentifier(), r.availabilityZones());
        Map<String, String> zones = fleet.subnetZones(scope, subnets);
        for (String s : subnets) {
            if (!zones.containsKey(s)) throw AsgErrors.VALIDATION_ERROR.exception("The subnet ID '" + s + "' does not exist");
        }
        String health = health(r.healthCheckType());
        List<Group.GroupTag> tags = r.tags().stream().map(t -> new Group.GroupTag(t.key(), t.value() == null ? "" : t.value(),
                Boolean.TRUE.equals(t.propagateAtLaunch()))).toList();
        Group group = new Group(scope.accountId(), scope.region(), name, template.launchTemplateId(),
                template.launchTemplateName(), version, min, max, desired, r.defaultCooldown() == null ? 300 : r.defaultCooldown(),
                subnets, subnets.stream().map(zones::get).distinct().sorted().toList(), health,
                r.healthCheckGracePeriod() == null ? 0 : r.healthCheckGracePeriod(),
                Boolean.TRUE.equals(r.newInstancesProtectedFromScaleIn()), tags, List.of(), clock.instant(),
                java.time.Instant.EPOCH, false);
        try {
            records.groups.save(group, Store.ABSENT);
        } catch (VersionConflict e) {
            throw AsgErrors.ALREADY_EXISTS.exception("AutoScalingGroup by this name already exists - A group with the name "
                    + name + " already exists");
        }
        loop.wake();
        return CreateAutoScalingGroupResponse.builder().build();
    }

    UpdateAutoScalingGroupResponse update(UpdateAutoScalingGroupRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        refuseOthers(r, UPDATE_MEMBERS);
        checkPolicies(r.terminationPolicies());
        if (Boolean.TRUE.equals(r.capacityRebalance())) throw unsupported("CapacityRebalance (berth has no Spot instances)");
        Group current = find(scope, r.autoScalingGroupName()).value();
        String templateId = current.launchTemplateId();
        String templateName = current.launchTemplateName();
        String version = current.launchTemplateVersion();
        if (r.launchTemplate() != null) {
            var template = fleet.template(scope, r.launchTemplate().launchTemplateId(), r.launchTemplate().launchTemplateName());
            templateId = template.launchTemplateId();
            templateName = template.launchTemplateName();
            version = version(r.launchTemplate().version());
        }
        List<String> subnets = r.vpcZoneIdentifier() == null && r.availabilityZones().isEmpty() ? current.subnetIds()
                : subnets(scope, r.vpcZoneIdentifier(), r.availabilityZones());
        Map<String, String> zones = fleet.subnetZones(scope, subnets);
        String fId = templateId, fName = templateName, fVersion = version;
        records.groups.update(scope.key(current.name()), g -> {
            int min = r.minSize() == null ? g.minSize() : r.minSize();
            int max = r.maxSize() == null ? g.maxSize() : r.maxSize();
            int desired = r.desiredCapacity() != null ? r.desiredCapacity()
                    : Math.max(min, Math.min(max, g.desiredCapacity()));
            checkSize(min, max, desired);
            return g.withSize(min, max, desired).withSettings(fId, fName, fVersion,
                    r.defaultCooldown() == null ? g.defaultCooldown() : r.defaultCooldown(), subnets,
                    subnets.stream().map(zones::get).distinct().sorted().toList(),
                    r.healthCheckType() == null ? g.healthCheckType() : health(r.healthCheckType()),
                    r.healthCheckGracePeriod() == null ? g.healthCheckGracePeriod() : r.healthCheckGracePeriod(),
                    r.newInstancesProtectedFromScaleIn() == null ? g.newInstancesProtectedFromScaleIn()
                            : r.newInstancesProtectedFromScaleIn());
        });
        loop.wake();
        return UpdateAutoScalingGroupResponse.builder().build();
    }

    DeleteAutoScalingGroupResponse delete(DeleteAutoScalingGroupRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Group current = find(scope, r.autoScalingGroupName()).value();
        boolean force = Boolean.TRUE.equals(r.forceDelete());
        if (!force && (!current.members().isEmpty() || current.desiredCapacity() > 0)) {
            throw AsgErrors.RESOURCE_IN_USE.exception("You cannot delete an AutoScalingGroup while there are instances or"
                    + " pending Spot instance request(s) still in the group.");
        }
        records.groups.update(scope.key(current.name()), Group::markedForDeletion);
        loop.wake();
        return DeleteAutoScalingGroupResponse.builder().build();
    }

    DescribeAutoScalingGroupsResponse describe(DescribeAutoScalingGroupsRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<Group> all = records.groups.list(scope.prefix());
        List<Group> found = all.stream().filter(g -> r.autoScalingGroupNames().isEmpty()
                || r.autoScalingGroupNames().contains(g.name())).filter(g -> matches(g, r.filters())).toList();
        var page = berth.aws.paging.Page.of(found, r.nextToken(), r.maxRecords(), 50, 100, Group::name);
        return DescribeAutoScalingGroupsResponse.builder().autoScalingGroups(page.items().stream().map(AsgShapes::group).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private static boolean matches(Group g, List<Filter> filters) {
        for (Filter f : filters) {
            String name = f.name() == null ? "" : f.name();
            boolean ok = switch (name) {
                case "tag-key" -> g.tags().stream().anyMatch(t -> f.values().contains(t.key()));
                case "tag-value" -> g.tags().stream().anyMatch(t -> f.values().contains(t.value()));
                default -> {
                    if (!name.startsWith("tag:")) {
                        throw AsgErrors.VALIDATION_ERROR.exception("Filter name " + name + " is not valid");
                    }
                    String key = name.substring(4);
                    yield g.tags().stream().anyMatch(t -> t.key().equals(key) && f.values().contains(t.value()));
                }
            };
            if (!ok) return false;
        }
        return true;
    }

    SetDesiredCapacityResponse setDesired(SetDesiredCapacityRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Group current = find(scope, r.autoScalingGroupName()).value();
        int desired = r.desiredCapacity();
        if (Boolean.TRUE.equals(r.honorCooldown()) && current.lastScaledAt().plusSeconds(current.defaultCooldown())
                .isAfter(clock.instant())) {
            throw AsgErrors.SCALING_ACTIVITY_IN_PROGRESS.exception("The scaling activity cannot be performed because the"
                    + " group is in its cooldown period.");
        }
        records.groups.update(scope.key(current.name()), g -> {
            if (desired > g.maxSize()) {
                throw AsgErrors.VALIDATION_ERROR.exception("New SetDesiredCapacity value " + desired + " is above max value "
                        + g.maxSize() + " for the AutoScalingGroup.");
            }
            if (desired < g.minSize()) {
                throw AsgErrors.VALIDATION_ERROR.exception("New SetDesiredCapacity value " + desired + " is below min value "
                        + g.minSize() + " for the AutoScalingGroup.");
            }
            return g.withSize(g.minSize(), g.maxSize(), desired).withScaledAt(clock.instant());
        });
        loop.wake();
        return SetDesiredCapacityResponse.builder().build();
    }

    DescribeAutoScalingInstancesResponse instances(DescribeAutoScalingInstancesRequest r, RequestContext ctx) {
        List<AutoScalingInstanceDetails> out = new ArrayList<>();
        for (Group g : records.groups.list(ctx.scope().prefix())) {
            for (Member m : g.members()) {
                if (r.instanceIds().isEmpty() || r.instanceIds().contains(m.instanceId())) out.add(AsgShapes.instanceDetails(g, m));
            }
        }
        return DescribeAutoScalingInstancesResponse.builder().autoScalingInstances(out).build();
    }

    SetInstanceProtectionResponse protect(SetInstanceProtectionRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Group current = find(scope, r.autoScalingGroupName()).value();
        boolean protect = Boolean.TRUE.equals(r.protectedFromScaleIn());
        for (String id : r.instanceIds()) {
            if (current.members().stream().noneMatch(m -> m.instanceId().equals(id))) {
                throw AsgErrors.VALIDATION_ERROR.exception("The instance " + id + " is not part of Auto Scaling group "
                        + current.name() + ".");
            }
        }
        records.groups.update(scope.key(current.name()), g -> g.withMembers(g.members().stream()
                .map(m -> r.instanceIds().contains(m.instanceId()) ? m.withProtection(protect) : m).toList()));
        return SetInstanceProtectionResponse.builder().build();
    }

    TerminateInstanceInAutoScalingGroupResponse terminate(TerminateInstanceInAutoScalingGroupRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        Group owner = records.groups.list(scope.prefix()).stream()
                .filter(g -> g.members().stream().anyMatch(m -> m.instanceId().equals(r.instanceId()))).findFirst()
                .orElseThrow(() -> AsgErrors.VALIDATION_ERROR.exception("Instance Id not found - No managed instance found for"
                        + " instance ID: " + r.instanceId()));
        boolean decrement = Boolean.TRUE.equals(r.shouldDecrementDesiredCapacity());
        records.groups.update(scope.key(owner.name()), g -> {
            if (decrement && g.desiredCapacity() - 1 < g.minSize()) {
                throw AsgErrors.VALIDATION_ERROR.exception("Currently, desiredSize equals minSize (" + g.minSize()
                        + "). Terminating instance without replacement will violate group's min size constraint. Either set"
                        + " shouldDecrementDesiredCapacity flag to false or lower group's min size.");
            }
            Group changed = g.withMembers(g.members().stream().map(m -> m.instanceId().equals(r.instanceId())
                    ? m.inState(Member.LifecycleState.TERMINATING) : m).toList());
            return decrement ? changed.withSize(g.minSize(), g.maxSize(), g.desiredCapacity() - 1) : changed;
        });
        fleet.terminate(scope, List.of(r.instanceId()));
        var activity = new berth.asg.core.Activity(scope.accountId(), scope.region(), owner.name(),
                java.util.UUID.randomUUID().toString(), "Terminating EC2 instance: " + r.instanceId(), "At " + clock.instant()
                + " instance " + r.instanceId() + " was taken out of service in response to a user request"
                + (decrement ? ", shrinking the capacity from " + owner.desiredCapacity() + " to " + (owner.desiredCapacity() - 1)
                : "") + ".", clock.instant(), clock.instant(), "Successful", "", 100, "{}");
        records.record(activity);
        loop.wake();
        return TerminateInstanceInAutoScalingGroupResponse.builder().activity(AsgShapes.activity(activity)).build();
    }

    RecordTable.Versioned<Group> find(Scope scope, String name) {
        return records.groups.find(scope.key(name == null ? "" : name)).filter(g -> !g.value().deleting())
                .orElseThrow(() -> AsgErrors.VALIDATION_ERROR.exception("AutoScalingGroup name not found - AutoScalingGroup "
                        + name + " not found"));
    }

    private List<String> subnets(Scope scope, String vpcZoneIdentifier, List<String> zones) {
        if (vpcZoneIdentifier != null && !vpcZoneIdentifier.isBlank()) {
            return Arrays.stream(vpcZoneIdentifier.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        }
        if (zones.isEmpty()) {
            throw AsgErrors.VALIDATION_ERROR.exception("At least one Availability Zone or VPC Subnet is required.");
        }
        return fleet.defaultSubnets(scope, zones);
    }

    private static void checkSize(int min, int max, int desired) {
        if (min < 0 || max < 0 || min > max) {
            throw AsgErrors.VALIDATION_ERROR.exception("The parameter MaxSize must be greater than or equal to MinSize");
        }
        if (desired < min || desired > max) {
            throw AsgErrors.VALIDATION_ERROR.exception("Desired capacity:" + desired + " must be between the specified min size:"
                    + min + " and max size:" + max);
        }
    }

    private static String version(String given) {
        String v = given == null || given.isEmpty() ? "$Default" : given;
        if (!v.equals("$Default") && !v.equals("$Latest") && !v.matches("\\d+")) {
            throw AsgErrors.VALIDATION_ERROR.exception("The launch template version '" + v + "' is not valid.");
        }
        return v;
    }

    private static String health(String type) {
        if (type == null || type.equals("EC2")) return "EC2";
        throw unsupported("health check type " + type + " (berth checks instances' EC2 state)");
    }

    private static void checkPolicies(List<String> policies) {
        for (String p : policies) {
            if (!p.equals("Default")) throw unsupported("termination policy " + p + " (berth applies the default policy)");
        }
    }

    static RuntimeException unsupported(String what) {
        return AsgErrors.VALIDATION_ERROR.exception("berth does not support " + what);
    }

    private static void refuseOthers(SdkPojo pojo, Set<String> supported) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (supported.contains(field.memberName())) continue;
            Object value = field.getValueOrDefault(pojo);
            boolean given = value != null && !(value instanceof Collection<?> c && c.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty())
                    && !(value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>);
            if (given) throw unsupported(field.memberName());
        }
    }
}
