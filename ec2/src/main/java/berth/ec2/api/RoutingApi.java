package berth.ec2.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Filters;
import berth.ec2.core.Instance;
import berth.ec2.core.Vpc;
import berth.ec2.state.Ec2Records;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * What every VPC has from its creation and berth describes but does not change: its main route
 * table (the local route) and default network ACL (allow all, both ways); and the network interface
 * of each instance and of each running awsvpc task (ECS's {@code TaskInterfaces}). berth routes and
 * filters nothing by them.
 */
final class RoutingApi {
    private static final Filters<Vpc> TABLE_FILTERS = Filters.<Vpc>of(v -> List.<berth.ec2.core.Tag>of())
            .field("vpc-id", Vpc::id).field("route-table-id", Vpc::mainRouteTableId).field("association.main", v -> true)
            .field("owner-id", Vpc::accountId);
    private static final Filters<Vpc> ACL_FILTERS = Filters.<Vpc>of(v -> List.<berth.ec2.core.Tag>of())
            .field("vpc-id", Vpc::id).field("network-acl-id", Vpc::defaultNetworkAclId).field("default", v -> true)
            .field("owner-id", Vpc::accountId);
    private static final Filters<Interface> ENI_FILTERS = Filters.of(Interface::tags)
            .field("network-interface-id", Interface::id).field("attachment.instance-id", Interface::instanceId)
            .field("subnet-id", Interface::subnetId).field("vpc-id", Interface::vpcId)
            .field("availability-zone", Interface::availabilityZone).field("private-ip-address", Interface::privateIp)
            .field("status", i -> "in-use").field("interface-type", i -> "interface").field("description", Interface::description)
            .field("requester-managed", i -> Boolean.toString(!i.description().isEmpty()))
            .field("owner-id", Interface::ownerId).fields("group-id", Interface::groups);

    private final Ec2Records records;
    private final java.util.function.Supplier<java.util.Optional<berth.ecs.TaskInterfaces>> taskInterfaces;

    RoutingApi(Ec2Records records, java.util.function.Supplier<java.util.Optional<berth.ecs.TaskInterfaces>> taskInterfaces) {
        this.records = records;
        this.taskInterfaces = taskInterfaces;
    }

    DescribeRouteTablesResponse routeTables(DescribeRouteTablesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        records.ensureDefaultNetwork(scope);
        List<Vpc> vpcs = Requests.select(records.vpcs.list(scope.prefix()), Vpc::mainRouteTableId, request.routeTableIds(),
                TABLE_FILTERS.predicate(Requests.specs(request.filters())), id -> Ec2Errors.ROUTE_TABLE_NOT_FOUND.exception(
                        "The routeTable ID '" + id + "' does not exist"));
        return DescribeRouteTablesResponse.builder().routeTables(vpcs.stream().map(v -> RouteTable.builder()
                .routeTableId(v.mainRouteTableId()).vpcId(v.id()).ownerId(v.accountId()).tags(List.of())
                .propagatingVgws(List.of())
                .routes(Route.builder().destinationCidrBlock(v.cidrBlock()).gatewayId("local").origin("CreateRouteTable")
                        .state("active").build())
                .associations(RouteTableAssociation.builder().main(true).routeTableAssociationId("rtbassoc-"
                        + v.mainRouteTableId().substring(4)).routeTableId(v.mainRouteTableId())
                        .associationState(s -> s.state("associated")).build()).build()).toList()).build();
    }

    DescribeNetworkAclsResponse networkAcls(DescribeNetworkAclsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        records.ensureDefaultNetwork(scope);
        List<Vpc> vpcs = Requests.select(records.vpcs.list(scope.prefix()), Vpc::defaultNetworkAclId, request.networkAclIds(),
                ACL_FILTERS.predicate(Requests.specs(request.filters())), id -> Ec2Errors.NETWORK_ACL_NOT_FOUND.exception(
                        "The networkAcl ID '" + id + "' does not exist"));
        return DescribeNetworkAclsResponse.builder().networkAcls(vpcs.stream().map(v -> NetworkAcl.builder()
                .networkAclId(v.defaultNetworkAclId()).vpcId(v.id()).ownerId(v.accountId()).isDefault(true).tags(List.of())
                .associations(records.subnets.list(scope.prefix()).stream().filter(s -> s.vpcId().equals(v.id()))
                        .map(s -> NetworkAclAssociation.builder().networkAclId(v.defaultNetworkAclId()).subnetId(s.id())
                                .networkAclAssociationId("aclassoc-" + s.id().substring(7)).build()).toList())
                .entries(entry(100, false, "allow"), entry(32767, false, "deny"), entry(100, true, "allow"),
                        entry(32767, true, "deny")).build()).toList()).build();
    }

    private static NetworkAclEntry entry(int rule, boolean egress, String action) {
        return NetworkAclEntry.builder().ruleNumber(rule).egress(egress).protocol("-1").ruleAction(action)
                .cidrBlock("0.0.0.0/0").build();
    }

    /** One network interface: an instance's primary one, or one ECS made for an awsvpc task. */
    private record Interface(String id, String subnetId, String vpcId, String availabilityZone, String privateIp,
                             String macAddress, String ownerId, String description, String instanceId,
                             List<String> groups, List<berth.ec2.core.Tag> tags) {}

    DescribeNetworkInterfacesResponse networkInterfaces(DescribeNetworkInterfacesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<Interface> all = new java.util.ArrayList<>(records.instances.list(scope.prefix()).stream()
                .filter(i -> i.state().live() && i.state() != berth.ec2.core.InstanceState.SHUTTING_DOWN)
                .map(i -> new Interface(eniId(i), i.subnetId(), i.vpcId(), i.availabilityZone(), i.privateIp(), "",
                        i.accountId(), "", i.id(), i.securityGroupIds(), i.tags())).toList());
        taskInterfaces.get().ifPresent(tasks -> tasks.of(scope).forEach(t -> records.subnet(scope, t.subnetId()).ifPresent(s ->
                all.add(new Interface(t.networkInterfaceId(), s.value().id(), s.value().vpcId(), s.value().availabilityZone(),
                        t.privateIpv4Address(), t.macAddress(), scope.accountId(),
                        scope.arn("ecs", "attachment/" + t.attachmentId()), "", List.of(), List.of())))));
        List<Interface> found = Requests.select(all, Interface::id, request.networkInterfaceIds(),
                ENI_FILTERS.predicate(Requests.specs(request.filters())), id -> Ec2Errors.INVALID_PARAMETER_VALUE.exception(
                        "The networkInterface ID '" + id + "' does not exist"));
        return DescribeNetworkInterfacesResponse.builder().networkInterfaces(found.stream().map(i -> {
            var b = NetworkInterface.builder()
                    .networkInterfaceId(i.id()).subnetId(i.subnetId()).vpcId(i.vpcId()).availabilityZone(i.availabilityZone())
                    .privateIpAddress(i.privateIp()).ownerId(i.ownerId()).status("in-use").interfaceType("interface")
                    .description(i.description()).sourceDestCheck(true).requesterManaged(!i.description().isEmpty())
                    .tagSet(List.of())
                    .groups(i.groups().stream().map(g -> GroupIdentifier.builder().groupId(g).build()).toList())
                    .privateIpAddresses(NetworkInterfacePrivateIpAddress.builder().primary(true).privateIpAddress(i.privateIp())
                            .build());
            if (!i.macAddress().isEmpty()) b.macAddress(i.macAddress());
            if (!i.instanceId().isEmpty()) {
                b.attachment(a -> a.instanceId(i.instanceId()).deviceIndex(0).status("attached").deleteOnTermination(true)
                        .instanceOwnerId(i.ownerId()));
            } else {
                b.requesterId("amazon-ecs");
            }
            return b.build();
        }).toList()).build();
    }

    static String eniId(Instance i) {
        return "eni-" + i.id().substring(2);
    }
}
