package berth.ec2.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.ec2.core.AvailabilityZones;
import berth.agentwire.Cidr;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Filters;
import berth.ec2.core.Networks;
import berth.ec2.core.SecurityGroup;
import berth.ec2.core.Subnet;
import berth.ec2.core.Tag;
import berth.ec2.core.Vpc;
import berth.ec2.state.Ec2Records;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.*;

/** VPCs, subnets, availability zones and regions. */
final class NetworkApi {
    private static final Filters<Vpc> VPC_FILTERS = Filters.of(Vpc::tags)
            .field("vpc-id", Vpc::id).field("cidr", Vpc::cidrBlock).field("cidr-block-association.cidr-block", Vpc::cidrBlock)
            .field("is-default", Vpc::defaultVpc).field("isDefault", Vpc::defaultVpc).field("state", v -> "available").field("owner-id", Vpc::accountId)
            .field("dhcp-options-id", Vpc::dhcpOptionsId).field("instance-tenancy", Vpc::instanceTenancy);
    private static final Filters<Subnet> SUBNET_FILTERS = Filters.of(Subnet::tags)
            .field("subnet-id", Subnet::id).field("vpc-id", Subnet::vpcId).field("cidr-block", Subnet::cidrBlock)
            .field("cidr", Subnet::cidrBlock).field("availability-zone", Subnet::availabilityZone)
            .field("availability-zone-id", Subnet::availabilityZoneId).field("default-for-az", Subnet::defaultForAz)
            .field("defaultForAz", Subnet::defaultForAz).field("state", s -> "available").field("owner-id", Subnet::accountId)
            .field("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch).field("subnet-arn", Subnet::arn);
    private static final Filters<AvailabilityZones.Zone> ZONE_FILTERS = Filters.<AvailabilityZones.Zone>of(z -> List.of())
            .field("zone-name", AvailabilityZones.Zone::name).field("zone-id", AvailabilityZones.Zone::id)
            .field("region-name", AvailabilityZones.Zone::region).field("state", z -> "available")
            .field("zone-type", z -> "availability-zone").field("group-name", AvailabilityZones.Zone::region);

    private final Ec2Records records;
    private final Clock clock;

    NetworkApi(Ec2Records records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    DescribeAvailabilityZonesResponse zones(DescribeAvailabilityZonesRequest request, RequestContext ctx) {
        List<String> wanted = new ArrayList<>(request.zoneNames());
        wanted.addAll(request.zoneIds());
        var filter = ZONE_FILTERS.predicate(Requests.specs(request.filters()));
        for (String name : wanted) {
            if (AvailabilityZones.find(ctx.region(), name).isEmpty()) {
                throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("The zone '" + name + "' does not exist.");
            }
        }
        List<AvailabilityZone> zones = AvailabilityZones.of(ctx.region()).stream()
                .filter(z -> wanted.isEmpty() || wanted.contains(z.name()) || wanted.contains(z.id())).filter(filter)
                .map(z -> AvailabilityZone.builder().zoneName(z.name()).zoneId(z.id()).regionName(z.region())
                        .state("available").zoneType("availability-zone").groupName(z.region())
                        .networkBorderGroup(z.region()).optInStatus("opt-in-not-required").messages(List.of()).build())
                .toList();
        return DescribeAvailabilityZonesResponse.builder().availabilityZones(zones).build();
    }

    DescribeRegionsResponse regions(DescribeRegionsRequest request, RequestContext ctx) {
        List<String> names = request.regionNames().isEmpty() ? List.of(ctx.region()) : request.regionNames();
        return DescribeRegionsResponse.builder().regions(names.stream().map(n -> Region.builder().regionName(n)
                .endpoint("ec2." + n + ".amazonaws.com").optInStatus("opt-in-not-required").build()).toList()).build();
    }

    DescribeAccountAttributesResponse accountAttributes(DescribeAccountAttributesRequest request, RequestContext ctx) {
        String defaultVpc = records.defaultVpc(ctx.scope()).map(Vpc::id).orElse("none");
        List<AccountAttribute> all = List.of(attribute("supported-platforms", "VPC"), attribute("default-vpc", defaultVpc),
                attribute("max-instances", "20"), attribute("vpc-max-security-groups-per-interface", "5"));
        return DescribeAccountAttributesResponse.builder().accountAttributes(all.stream()
                .filter(a -> request.attributeNamesAsStrings().isEmpty()
                        || request.attributeNamesAsStrings().contains(a.attributeName())).toList()).build();
    }

    private static AccountAttribute attribute(String name, String value) {
        return AccountAttribute.builder().attributeName(name)
                .attributeValues(AccountAttributeValue.builder().attributeValue(value).build()).build();
    }

    CreateVpcResponse createVpc(CreateVpcRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        records.ensureDefaultNetwork(scope);
        if (request.ipv4IpamPoolId() != null || Requests.isTrue(request.amazonProvidedIpv6CidrBlock())
                || request.ipv6CidrBlock() != null || request.ipv6IpamPoolId() != null) {
            throw Ec2Errors.unsupported("IPAM pools or IPv6 blocks for VPCs");
        }
        if (request.cidrBlock() == null) throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter cidrBlock");
        Cidr cidr = Cidr.parse(request.cidrBlock()).orElseThrow(() -> Ec2Errors.INVALID_PARAMETER_VALUE.exception(
                "Value (" + request.cidrBlock() + ") for parameter cidrBlock is invalid. This is not a valid CIDR block."));
        if (cidr.prefix() < 16 || cidr.prefix() > 28) {
            throw Ec2Errors.VPC_RANGE.exception("The CIDR '" + request.cidrBlock() + "' is invalid.");
        }
        String tenancy = request.instanceTenancyAsString() == null ? "default" : request.instanceTenancyAsString();
        if (!tenancy.equals("default")) throw Ec2Errors.unsupported("instance tenancy " + tenancy);
        List<Tag> tags = Tagging.forResource(request.tagSpecifications(), "vpc");
        Networks.NewVpc made = Networks.vpc(scope, records.ids(), cidr.toString(), false, tenancy, tags, clock.instant());
        records.commit(List.of(records.vpcs.put(made.vpc(), Store.ABSENT), records.groups.put(made.defaultGroup(), Store.ABSENT)));
        return CreateVpcResponse.builder().vpc(Shapes.vpc(made.vpc()).toBuilder().state("available").build()).build();
    }

    DescribeVpcsResponse describeVpcs(DescribeVpcsRequest request, RequestContext ctx) {
        records.ensureDefaultNetwork(ctx.scope());
        List<Vpc> found = Requests.select(records.vpcs.list(ctx.scope().prefix()), Vpc::id, request.vpcIds(),
                VPC_FILTERS.predicate(Requests.specs(request.filters())), Ec2Errors::vpcNotFound);
        var page = Requests.page(found, request.nextToken(), request.maxResults(), 1000, Vpc::id);
        return DescribeVpcsResponse.builder().vpcs(page.items().stream().map(Shapes::vpc).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    DeleteVpcResponse deleteVpc(DeleteVpcRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        RecordTable.Versioned<Vpc> vpc = records.vpc(scope, required(request.vpcId(), "vpcId"))
                .orElseThrow(() -> Ec2Errors.vpcNotFound(request.vpcId()));
        boolean subnets = records.subnets.list(scope.prefix()).stream().anyMatch(s -> s.vpcId().equals(vpc.value().id()));
        List<RecordTable.Versioned<SecurityGroup>> groups = records.groups.listVersioned(scope.prefix()).stream()
                .filter(g -> g.value().vpcId().equals(vpc.value().id())).toList();
        if (subnets || groups.stream().anyMatch(g -> !g.value().defaultGroup())) {
            throw Ec2Errors.DEPENDENCY_VIOLATION.exception("The vpc '" + vpc.value().id()
                    + "' has dependencies and cannot be deleted.");
        }
        List<Write> writes = new ArrayList<>();
        writes.add(records.vpcs.delete(scope.key(vpc.value().id()), vpc.version()));
        groups.forEach(g -> writes.add(records.groups.delete(scope.key(g.value().id()), g.version())));
        records.commit(writes);
        return DeleteVpcResponse.builder().build();
    }

    DescribeVpcAttributeResponse vpcAttribute(DescribeVpcAttributeRequest request, RequestContext ctx) {
        Vpc vpc = records.vpc(ctx.scope(), required(request.vpcId(), "vpcId")).orElseThrow(() -> Ec2Errors.vpcNotFound(request.vpcId()))
                .value();
        var b = DescribeVpcAttributeResponse.builder().vpcId(vpc.id());
        String attribute = request.attributeAsString() == null ? "" : request.attributeAsString();
        switch (attribute) {
            case "enableDnsSupport" -> b.enableDnsSupport(AttributeBooleanValue.builder().value(vpc.enableDnsSupport()).build());
            case "enableDnsHostnames" -> b.enableDnsHostnames(AttributeBooleanValue.builder().value(vpc.enableDnsHostnames()).build());
            case "enableNetworkAddressUsageMetrics" -> b.enableNetworkAddressUsageMetrics(
                    AttributeBooleanValue.builder().value(vpc.enableNetworkAddressUsageMetrics()).build());
            default -> throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Value (" + attribute
                    + ") for parameter attribute is invalid. Unknown attribute.");
        }
        return b.build();
    }

    ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String id = required(request.vpcId(), "vpcId");
        int given = (request.enableDnsSupport() == null ? 0 : 1) + (request.enableDnsHostnames() == null ? 0 : 1)
                + (request.enableNetworkAddressUsageMetrics() == null ? 0 : 1);
        if (given != 1) {
            throw Ec2Errors.INVALID_PARAMETER_COMBINATION.exception("Exactly one attribute must be modified in one request");
        }
        records.vpcs.update(scope.key(id), v -> v.withDns(
                value(request.enableDnsSupport(), v.enableDnsSupport()),
                value(request.enableDnsHostnames(), v.enableDnsHostnames()),
                value(request.enableNetworkAddressUsageMetrics(), v.enableNetworkAddressUsageMetrics())))
                .orElseThrow(() -> Ec2Errors.vpcNotFound(id));
        return ModifyVpcAttributeResponse.builder().build();
    }

    private static boolean value(AttributeBooleanValue given, boolean current) {
        return given == null || given.value() == null ? current : given.value();
    }

    CreateSubnetResponse createSubnet(CreateSubnetRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        if (request.ipv6CidrBlock() != null || Requests.isTrue(request.ipv6Native()) || request.outpostArn() != null
                || request.ipv4IpamPoolId() != null) {
            throw Ec2Errors.unsupported("IPv6, IPAM or Outposts subnets");
        }
        Vpc vpc = records.vpc(scope, required(request.vpcId(), "vpcId")).orElseThrow(() -> Ec2Errors.vpcNotFound(request.vpcId()))
                .value();
        Cidr cidr = Cidr.parse(required(request.cidrBlock(), "cidrBlock")).orElseThrow(() -> Ec2Errors.INVALID_PARAMETER_VALUE
                .exception("Value (" + request.cidrBlock() + ") for parameter cidrBlock is invalid. This is not a valid CIDR block."));
        if (cidr.prefix() < 16 || cidr.prefix() > 28 || !vpc.cidr().contains(cidr)) {
            throw Ec2Errors.SUBNET_RANGE.exception("The CIDR '" + request.cidrBlock() + "' is invalid.");
        }
        List<Subnet> existing = records.subnets.list(scope.prefix());
        if (existing.stream().anyMatch(s -> s.vpcId().equals(vpc.id()) && s.cidr().overlaps(cidr))) {
            throw Ec2Errors.SUBNET_CONFLICT.exception("The CIDR '" + request.cidrBlock() + "' conflicts with another subnet");
        }
        String zoneName = request.availabilityZone() != null ? request.availabilityZone() : request.availabilityZoneId();
        AvailabilityZones.Zone zone = zoneName == null ? AvailabilityZones.of(scope.region()).get(existing.size() % 3)
                : AvailabilityZones.find(scope.region(), zoneName).orElseThrow(() -> Ec2Errors.INVALID_PARAMETER_VALUE.exception(
                        "Value (" + zoneName + ") for parameter availabilityZone is invalid. Subnets can currently only be"
                                + " created in the following availability zones: " + String.join(", ",
                                AvailabilityZones.of(scope.region()).stream().map(AvailabilityZones.Zone::name).toList()) + "."));
        Subnet subnet = new Subnet(scope.accountId(), scope.region(), records.ids().next("subnet"), vpc.id(), cidr.toString(),
                zone.name(), zone.id(), false, false, clock.instant(), List.of(),
                Tagging.forResource(request.tagSpecifications(), "subnet"));
        records.subnets.save(subnet, Store.ABSENT);
        return CreateSubnetResponse.builder().subnet(Shapes.subnet(subnet).toBuilder().state("available").build()).build();
    }

    DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest request, RequestContext ctx) {
        records.ensureDefaultNetwork(ctx.scope());
        List<Subnet> found = Requests.select(records.subnets.list(ctx.scope().prefix()), Subnet::id, request.subnetIds(),
                SUBNET_FILTERS.predicate(Requests.specs(request.filters())), Ec2Errors::subnetNotFound);
        var page = Requests.page(found, request.nextToken(), request.maxResults(), 1000, Subnet::id);
        return DescribeSubnetsResponse.builder().subnets(page.items().stream().map(Shapes::subnet).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    DeleteSubnetResponse deleteSubnet(DeleteSubnetRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        RecordTable.Versioned<Subnet> subnet = records.subnet(scope, required(request.subnetId(), "subnetId"))
                .orElseThrow(() -> Ec2Errors.subnetNotFound(request.subnetId()));
        if (!subnet.value().allocatedAddresses().isEmpty()) {
            throw Ec2Errors.DEPENDENCY_VIOLATION.exception("The subnet '" + subnet.value().id()
                    + "' has dependencies and cannot be deleted.");
        }
        records.subnets.remove(scope.key(subnet.value().id()), subnet.version());
        return DeleteSubnetResponse.builder().build();
    }

    ModifySubnetAttributeResponse modifySubnetAttribute(ModifySubnetAttributeRequest request, RequestContext ctx) {
        String id = required(request.subnetId(), "subnetId");
        if (request.mapPublicIpOnLaunch() == null) {
            throw Ec2Errors.unsupported("subnet attributes other than MapPublicIpOnLaunch");
        }
        records.subnets.update(ctx.scope().key(id), s -> s.withMapPublicIpOnLaunch(value(request.mapPublicIpOnLaunch(),
                s.mapPublicIpOnLaunch()))).orElseThrow(() -> Ec2Errors.subnetNotFound(id));
        return ModifySubnetAttributeResponse.builder().build();
    }

    static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter " + name);
        }
        return value;
    }
}
