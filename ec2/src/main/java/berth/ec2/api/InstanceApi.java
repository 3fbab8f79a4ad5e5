package berth.ec2.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.ec2.core.EcsOptimizedImages;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Filters;
import berth.ec2.core.Image;
import berth.ec2.core.Instance;
import berth.ec2.core.InstanceLifecycle;
import berth.ec2.core.InstanceState;
import berth.ec2.core.InstanceTypes;
import berth.ec2.core.LaunchSpec;
import berth.ec2.core.SecurityGroup;
import berth.ec2.core.Subnet;
import berth.ec2.core.Tag;
import berth.ec2.core.Vpc;
import berth.ec2.state.Ec2Records;
import berth.iam.InstanceProfiles;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ec2.model.*;

/** RunInstances, DescribeInstances and the state changes of instances (their machines follow in {@code machines}). */
final class InstanceApi {
    /** Live instances per account and region, as the account attribute {@code max-instances} says. */
    static final int MAX_INSTANCES = 20;
    private static final Filters<Instance> FILTERS = Filters.of(Instance::tags)
            .field("instance-id", Instance::id).field("instance-state-name", i -> i.state().wireName())
            .field("instance-state-code", i -> i.state().code()).field("instance-type", Instance::instanceType)
            .field("image-id", Instance::imageId).field("vpc-id", Instance::vpcId).field("subnet-id", Instance::subnetId)
            .field("availability-zone", Instance::availabilityZone).field("private-ip-address", Instance::privateIp)
            .field("key-name", Instance::keyName).field("reservation-id", Instance::reservationId)
            .field("owner-id", Instance::accountId).field("iam-instance-profile.arn", Instance::instanceProfileArn)
            .field("architecture", Instance::architecture).field("client-token", Instance::clientToken)
            .fields("instance.group-id", Instance::securityGroupIds).fields("group-id", Instance::securityGroupIds);

    private final Ec2Records records;
    private final LaunchTemplateApi templates;
    private final Optional<InstanceProfiles> profiles;
    private final String hostId;
    private final Clock clock;

    InstanceApi(Ec2Records records, LaunchTemplateApi templates, Optional<InstanceProfiles> profiles, String hostId, Clock clock) {
        this.records = records;
        this.templates = templates;
        this.profiles = profiles;
        this.hostId = hostId;
        this.clock = clock;
    }

    RunInstancesResponse run(RunInstancesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        records.ensureDefaultNetwork(scope);
        int min = request.minCount() == null ? 1 : request.minCount();
        int max = request.maxCount() == null ? min : request.maxCount();
        if (min < 1 || max < min) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Invalid value '" + max + "' for maxCount: it must be at least"
                    + " minCount and minCount at least 1");
        }
        String token = request.clientToken() == null ? "" : request.clientToken();
        if (!token.isEmpty()) {
            List<Instance> earlier = records.instances.list(scope.prefix()).stream().filter(i -> i.clientToken().equals(token)).toList();
            if (!earlier.isEmpty()) return reservation(earlier);
        }
        LaunchSpec spec = LaunchSpecs.ofRunInstances(request);
        String templateId = "";
        String templateVersion = "";
        if (request.launchTemplate() != null) {
            var lt = request.launchTemplate();
            var choice = templates.resolve(scope, lt.launchTemplateId(), lt.launchTemplateName(), lt.version());
            spec = choice.version().data().overlaidWith(spec);
            templateId = choice.template().id();
            templateVersion = Long.toString(choice.version().number());
        }
        Plan plan = plan(scope, spec);
        if (Requests.isTrue(request.dryRun())) {
            throw Ec2Errors.DRY_RUN_OPERATION.exception("Request would have succeeded, but DryRun flag is set.");
        }
        for (int attempt = 0; ; attempt++) {
            RecordTable.Versioned<Subnet> subnet = records.subnet(scope, plan.subnet().id()).orElseThrow(() ->
                    Ec2Errors.subnetNotFound(plan.subnet().id()));
            long live = records.instances.list(scope.prefix()).stream().filter(i -> i.state().live()).count();
            if (live + min > MAX_INSTANCES) {
                throw Ec2Errors.INSTANCE_LIMIT_EXCEEDED.exception("You have requested more instances (" + (live + min)
                        + ") than your current instance limit of " + MAX_INSTANCES + " allows for the specified instance type.");
            }
            int count = (int) Math.min(max, MAX_INSTANCES - live);
            List<String> addresses = new ArrayList<>(subnet.value().allocatedAddresses());
            List<String> mine = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                Optional<String> wanted = n == 0 && !spec.privateIpAddress().isEmpty() ? Optional.of(spec.privateIpAddress())
                        : Optional.empty();
                Optional<String> address = subnet.value().withAllocated(addresses).freeAddress(wanted);
                if (address.isEmpty()) {
                    if (wanted.isPresent()) {
                        throw Ec2Errors.ADDRESS_IN_USE.exception("Address " + wanted.get() + " is in use or not in subnet "
                                + subnet.value().id());
                    }
                    break;
                }
                addresses.add(address.get());
                mine.add(address.get());
            }
            if (mine.size() < min) {
                throw Ec2Errors.INSUFFICIENT_ADDRESSES.exception("There are not enough free addresses in subnet '"
                        + subnet.value().id() + "' to satisfy the requested number of instances.");
            }
            Instant now = clock.instant();
            String reservationId = records.ids().next("r");
            List<Instance> launched = new ArrayList<>();
            List<Write> writes = new ArrayList<>();
            writes.add(records.subnets.put(subnet.value().withAllocated(addresses), subnet.version()));
            for (int n = 0; n < mine.size(); n++) {
                Instance instance = new Instance(scope.accountId(), scope.region(), records.ids().next("i"), reservationId,
                        plan.image().id(), plan.type().name(), plan.type().architecture(), spec.keyName(), subnet.value().id(),
                        subnet.value().vpcId(), subnet.value().availabilityZone(), mine.get(n), "", plan.groupIds(),
                        plan.profileArn(), plan.profileId(), spec.userData(), templateId, templateVersion, token, n,
                        InstanceState.PENDING, "pending", "pending", "", now, now,
                        spec.httpTokens().isEmpty() ? "optional" : spec.httpTokens(),
                        spec.httpEndpoint().isEmpty() ? "enabled" : spec.httpEndpoint(), records.ids().next("imds"), hostId,
                        spec.instanceTags());
                launched.add(instance);
                writes.add(records.instances.put(instance, Store.ABSENT));
            }
            try {
                records.commit(writes);
                return reservation(launched);
            } catch (VersionConflict raced) {
                if (attempt > 20) throw raced;
            }
        }
    }

    private record Plan(Image image, InstanceTypes.Type type, Subnet subnet, List<String> groupIds, String profileArn,
                        String profileId) {}

    private Plan plan(Scope scope, LaunchSpec spec) {
        if (spec.imageId().isEmpty()) throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter ImageId");
        Image image = EcsOptimizedImages.find(scope.region(), spec.imageId()).orElseThrow(() -> spec.imageId().matches("ami-[0-9a-f]+")
                ? Ec2Errors.AMI_NOT_FOUND.exception("The image id '[" + spec.imageId() + "]' does not exist")
                : Ec2Errors.AMI_MALFORMED.exception("Invalid id: \"" + spec.imageId() + "\" (expecting \"ami-...\")"));
        if (spec.instanceType().isEmpty()) {
            throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter InstanceType");
        }
        InstanceTypes.Type type = InstanceTypes.find(spec.instanceType()).orElseThrow(() ->
                Ec2Errors.INVALID_PARAMETER_VALUE.exception("Invalid value '" + spec.instanceType() + "' for InstanceType."));
        if (!type.architecture().equals(image.architecture())) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("The architecture '" + type.architecture() + "' of the specified"
                    + " instance type does not match the architecture '" + image.architecture() + "' of the specified AMI.");
        }
        if (!spec.keyName().isEmpty() && records.keyPairs.find(scope.key(spec.keyName())).isEmpty()) {
            throw Ec2Errors.KEY_PAIR_NOT_FOUND.exception("The key pair '" + spec.keyName() + "' does not exist");
        }
        Subnet subnet = subnet(scope, spec);
        List<SecurityGroup> groups = records.groups.list(scope.prefix());
        List<String> groupIds = new ArrayList<>();
        for (String id : spec.securityGroupIds()) {
            SecurityGroup g = groups.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> Ec2Errors.groupNotFound(id));
            if (!g.vpcId().equals(subnet.vpcId())) {
                throw Ec2Errors.INVALID_PARAMETER.exception("Security group " + id + " and subnet " + subnet.id()
                        + " belong to different networks.");
            }
            groupIds.add(id);
        }
        for (String name : spec.securityGroupNames()) {
            SecurityGroup g = groups.stream().filter(x -> x.name().equals(name) && x.vpcId().equals(subnet.vpcId())).findFirst()
                    .orElseThrow(() -> Ec2Errors.GROUP_NOT_FOUND.exception("The security group '" + name + "' does not exist in"
                            + " VPC '" + subnet.vpcId() + "'"));
            if (!groupIds.contains(g.id())) groupIds.add(g.id());
        }
        if (groupIds.isEmpty()) {
            groups.stream().filter(g -> g.vpcId().equals(subnet.vpcId()) && g.defaultGroup()).findFirst()
                    .ifPresent(g -> groupIds.add(g.id()));
        }
        String profileArn = "";
        String profileId = "";
        if (spec.hasInstanceProfile()) {
            String given = spec.instanceProfileArn().isEmpty() ? spec.instanceProfileName() : spec.instanceProfileArn();
            InstanceProfiles.Profile profile = profiles.flatMap(p -> p.find(scope.accountId(), given)).orElseThrow(() ->
                    Ec2Errors.INVALID_PARAMETER_VALUE.exception("Value (" + given + ") for parameter iamInstanceProfile.name"
                            + " is invalid. Invalid IAM Instance Profile name"));
            profileArn = profile.arn();
            profileId = profile.instanceProfileId();
        }
        return new Plan(image, type, subnet, groupIds, profileArn, profileId);
    }

    private Subnet subnet(Scope scope, LaunchSpec spec) {
        if (!spec.subnetId().isEmpty()) {
            Subnet s = records.subnet(scope, spec.subnetId()).orElseThrow(() -> Ec2Errors.subnetNotFound(spec.subnetId())).value();
            if (!spec.availabilityZone().isEmpty() && !spec.availabilityZone().equals(s.availabilityZone())) {
                throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Value (" + spec.availabilityZone() + ") for parameter"
                        + " availabilityZone is invalid. Subnet '" + s.id() + "' is in availability zone " + s.availabilityZone());
            }
            return s;
        }
        Vpc vpc = records.defaultVpc(scope).orElseThrow(() -> Ec2Errors.VPC_ID_NOT_SPECIFIED.exception(
                "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC."));
        return records.subnets.list(scope.prefix()).stream().filter(s -> s.vpcId().equals(vpc.id()) && s.defaultForAz())
                .filter(s -> spec.availabilityZone().isEmpty() || s.availabilityZone().equals(spec.availabilityZone()))
                .findFirst().orElseThrow(() -> Ec2Errors.INVALID_PARAMETER_VALUE.exception("Value ("
                        + spec.availabilityZone() + ") for parameter availabilityZone is invalid."));
    }

    DescribeInstancesResponse describe(DescribeInstancesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<Instance> found = Requests.select(records.instances.list(scope.prefix()), Instance::id, request.instanceIds(),
                FILTERS.predicate(Requests.specs(request.filters())), Ec2Errors::instanceNotFound);
        var page = Requests.page(found, request.nextToken(), request.maxResults(), 1000, Instance::id);
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        page.items().forEach(i -> byReservation.computeIfAbsent(i.reservationId(), k -> new ArrayList<>()).add(i));
        return DescribeInstancesResponse.builder().reservations(byReservation.values().stream().map(this::reservationOf).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    DescribeInstanceStatusResponse status(DescribeInstanceStatusRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<Instance> found = Requests.select(records.instances.list(scope.prefix()), Instance::id, request.instanceIds(),
                i -> Requests.isTrue(request.includeAllInstances()) || i.state() == InstanceState.RUNNING,
                Ec2Errors::instanceNotFound);
        return DescribeInstanceStatusResponse.builder().instanceStatuses(found.stream().map(i -> InstanceStatus.builder()
                .instanceId(i.id()).availabilityZone(i.availabilityZone()).instanceState(state(i))
                .instanceStatus(s -> s.status(i.state() == InstanceState.RUNNING ? "ok" : "not-applicable"))
                .systemStatus(s -> s.status(i.state() == InstanceState.RUNNING ? "ok" : "not-applicable")).build()).toList())
                .build();
    }

    TerminateInstancesResponse terminate(TerminateInstancesRequest request, RequestContext ctx) {
        return TerminateInstancesResponse.builder().terminatingInstances(change(ctx.scope(), request.instanceIds(),
                InstanceLifecycle::terminate)).build();
    }

    StopInstancesResponse stop(StopInstancesRequest request, RequestContext ctx) {
        if (Requests.isTrue(request.hibernate())) throw Ec2Errors.unsupported("hibernation");
        return StopInstancesResponse.builder().stoppingInstances(change(ctx.scope(), request.instanceIds(),
                InstanceLifecycle::stop)).build();
    }

    StartInstancesResponse start(StartInstancesRequest request, RequestContext ctx) {
        return StartInstancesResponse.builder().startingInstances(change(ctx.scope(), request.instanceIds(),
                InstanceLifecycle::start)).build();
    }

    /** Every instance named must exist (checked first, as EC2 does); each then moves as {@code step} says. */
    private List<InstanceStateChange> change(Scope scope, List<String> ids, BiFunction<Instance, Instant, Optional<Instance>> step) {
        if (ids.isEmpty()) throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter InstanceId");
        for (String id : ids) {
            if (!id.startsWith("i-")) throw Ec2Errors.INSTANCE_MALFORMED.exception("Invalid id: \"" + id + "\"");
            if (records.instance(scope, id).isEmpty()) throw Ec2Errors.instanceNotFound(id);
        }
        List<InstanceStateChange> changes = new ArrayList<>();
        for (String id : ids) {
            Instance before = records.instance(scope, id).orElseThrow().value();
            Instance after = records.instances.update(scope.key(id), i -> step.apply(i, clock.instant()).orElse(i)).orElse(before);
            changes.add(InstanceStateChange.builder().instanceId(id).previousState(state(before)).currentState(state(after)).build());
        }
        return changes;
    }

    private RunInstancesResponse reservation(List<Instance> instances) {
        Instance first = instances.get(0);
        return RunInstancesResponse.builder().reservationId(first.reservationId()).ownerId(first.accountId())
                .groups(groups(first)).instances(instances.stream().map(this::shape).toList()).build();
    }

    private Reservation reservationOf(List<Instance> instances) {
        Instance first = instances.get(0);
        return Reservation.builder().reservationId(first.reservationId()).ownerId(first.accountId()).groups(List.of())
                .instances(instances.stream().map(this::shape).toList()).build();
    }

    private List<GroupIdentifier> groups(Instance instance) {
        return instance.securityGroupIds().stream().map(id -> GroupIdentifier.builder().groupId(id).groupName(
                records.group(instance.scope(), id).map(g -> g.value().name()).orElse(null)).build()).toList();
    }

    static software.amazon.awssdk.services.ec2.model.InstanceState state(Instance i) {
        return software.amazon.awssdk.services.ec2.model.InstanceState.builder().code(i.state().code()).name(i.state().wireName())
                .build();
    }

    private software.amazon.awssdk.services.ec2.model.Instance shape(Instance i) {
        boolean terminated = i.state() == InstanceState.TERMINATED;
        String dns = terminated ? "" : "ip-" + i.privateIp().replace('.', '-') + "." + (i.region().equals("us-east-1")
                ? "ec2.internal" : i.region() + ".compute.internal");
        var b = software.amazon.awssdk.services.ec2.model.Instance.builder().instanceId(i.id()).imageId(i.imageId())
                .state(state(i)).privateDnsName(dns).publicDnsName("").stateTransitionReason(i.stateTransitionReason())
                .amiLaunchIndex(i.launchIndex()).instanceType(i.instanceType()).launchTime(i.launchTime())
                .placement(p -> p.availabilityZone(i.availabilityZone()).tenancy("default").groupName(""))
                .monitoring(m -> m.state("disabled")).architecture(i.architecture()).rootDeviceType("ebs")
                .rootDeviceName("/dev/xvda").virtualizationType("hvm").hypervisor("xen").enaSupport(true)
                .ebsOptimized(false).sourceDestCheck(true).platformDetails("Linux/UNIX").usageOperation("RunInstances")
                .clientToken(i.clientToken()).tags(Shapes.tags(i.tags()))
                .cpuOptions(c -> c.coreCount(Math.max(1, InstanceTypes.find(i.instanceType()).map(t -> t.vcpus() / 2).orElse(1)))
                        .threadsPerCore(2))
                .metadataOptions(m -> m.state("applied").httpTokens(i.httpTokens()).httpEndpoint(i.httpEndpoint())
                        .httpPutResponseHopLimit(2).instanceMetadataTags("disabled"));
        if (!i.keyName().isEmpty()) b.keyName(i.keyName());
        if (!i.stateReasonCode().isEmpty()) b.stateReason(r -> r.code(i.stateReasonCode()).message(i.stateReasonMessage()));
        if (i.hasInstanceProfile()) b.iamInstanceProfile(p -> p.arn(i.instanceProfileArn()).id(i.instanceProfileId()));
        if (!terminated) {
            b.subnetId(i.subnetId()).vpcId(i.vpcId()).privateIpAddress(i.privateIp()).securityGroups(groups(i))
                    .networkInterfaces(InstanceNetworkInterface.builder().networkInterfaceId(RoutingApi.eniId(i))
                            .subnetId(i.subnetId()).vpcId(i.vpcId()).privateIpAddress(i.privateIp()).privateDnsName(dns)
                            .status("in-use").ownerId(i.accountId()).sourceDestCheck(true).interfaceType("interface")
                            .groups(groups(i)).attachment(a -> a.deviceIndex(0).status("attached").deleteOnTermination(true)
                                    .attachTime(i.launchTime()))
                            .privateIpAddresses(InstancePrivateIpAddress.builder().primary(true).privateIpAddress(i.privateIp())
                                    .privateDnsName(dns).build()).build());
        }
        return b.build();
    }
}
