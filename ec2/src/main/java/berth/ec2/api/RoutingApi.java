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
 * of each instance. berth routes and filters nothing by them.
 */
final class RoutingApi {
    private static final Filters<Vpc> TABLE_FILTERS = Filters.<Vpc>of(v -> List.<berth.ec2.core.Tag>of())
            .field("vpc-id", Vpc::id).field("route-table-id", Vpc::mainRouteTableId).field("association.main", v -> true)
            .field("owner-id", Vpc::accountId);
    private static final Filters<Vpc> ACL_FILTERS = Filters.<Vpc>of(v -> List.<berth.ec2.core.Tag>of())
            .field("vpc-id", Vpc::id).field("network-acl-id", Vpc::defaultNetworkAclId).field("default", v -> true)
            .field("owner-id", Vpc::accountId);
    private static final Filters<Instance> ENI_FILTERS = Filters.of(Instance::tags)
            .field("network-interface-id", RoutingApi::eniId).field("attachment.instance-id", Instance::id)
            .field("subnet-id", Instance::subnetId).field("vpc-id", Instance::vpcId)
            .field("availability-zone", Instance::availabilityZone).field("private-ip-address", Instance::privateIp)
            .field("status", i -> "in-use").field("interface-type", i -> "interface").field("description", i -> "")
            .field("owner-id", Instance::accountId).fields("group-id", Instance::securityGroupIds);

    private final Ec2Records records;

    RoutingApi(Ec2Records records) {
        this.records = records;
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

    DescribeNetworkInterfacesResponse networkInterfaces(DescribeNetworkInterfacesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<Instance> live = records.instances.list(scope.prefix()).stream().filter(i -> i.state().live()
                && i.state() != berth.ec2.core.InstanceState.SHUTTING_DOWN).toList();
        List<Instance> found = Requests.select(live, RoutingApi::eniId, request.networkInterfaceIds(),
                ENI_FILTERS.predicate(Requests.specs(request.filters())), id -> Ec2Errors.INVALID_PARAMETER_VALUE.exception(
                        "The networkInterface ID '" + id + "' does not exist"));
        return DescribeNetworkInterfacesResponse.builder().networkInterfaces(found.stream().map(i -> NetworkInterface.builder()
                .networkInterfaceId(eniId(i)).subnetId(i.subnetId()).vpcId(i.vpcId()).availabilityZone(i.availabilityZone())
                .privateIpAddress(i.privateIp()).ownerId(i.accountId()).status("in-use").interfaceType("interface")
                .description("").sourceDestCheck(true).requesterManaged(false).tagSet(List.of())
                .groups(i.securityGroupIds().stream().map(g -> GroupIdentifier.builder().groupId(g).build()).toList())
                .attachment(a -> a.instanceId(i.id()).deviceIndex(0).status("attached").deleteOnTermination(true)
                        .instanceOwnerId(i.accountId()))
                .privateIpAddresses(NetworkInterfacePrivateIpAddress.builder().primary(true).privateIpAddress(i.privateIp())
                        .build()).build()).toList()).build();
    }

    static String eniId(Instance i) {
        return "eni-" + i.id().substring(2);
    }
}
