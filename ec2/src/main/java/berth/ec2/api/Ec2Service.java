package berth.ec2.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.ec2.state.Ec2Records;
import berth.iam.InstanceProfiles;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 on its dialect of Query: networks, security groups, key pairs, images, launch templates, instances and tags. */
public final class Ec2Service extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("ec2");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("ec2", "software.amazon.awssdk.services.ec2.model");

    public Ec2Service(Ec2Records records, Optional<InstanceProfiles> profiles, String hostId, Clock clock) {
        super(MODEL, DESCRIPTION);
        NetworkApi net = new NetworkApi(records, clock);
        SecurityGroupApi groups = new SecurityGroupApi(records);
        CatalogApi catalog = new CatalogApi(records, clock);
        LaunchTemplateApi templates = new LaunchTemplateApi(records, clock);
        InstanceApi instances = new InstanceApi(records, templates, profiles, hostId, clock);
        TagApi tags = new TagApi(records);
        RoutingApi routing = new RoutingApi(records);
        add("DescribeRouteTables", (OperationHandler<DescribeRouteTablesRequest, ?>) routing::routeTables);
        add("DescribeNetworkAcls", (OperationHandler<DescribeNetworkAclsRequest, ?>) routing::networkAcls);
        add("DescribeNetworkInterfaces", (OperationHandler<DescribeNetworkInterfacesRequest, ?>) routing::networkInterfaces);
        add("DescribeAvailabilityZones", (OperationHandler<DescribeAvailabilityZonesRequest, ?>) net::zones);
        add("DescribeRegions", (OperationHandler<DescribeRegionsRequest, ?>) net::regions);
        add("DescribeAccountAttributes", (OperationHandler<DescribeAccountAttributesRequest, ?>) net::accountAttributes);
        add("CreateVpc", (OperationHandler<CreateVpcRequest, ?>) net::createVpc);
        add("DescribeVpcs", (OperationHandler<DescribeVpcsRequest, ?>) net::describeVpcs);
        add("DeleteVpc", (OperationHandler<DeleteVpcRequest, ?>) net::deleteVpc);
        add("DescribeVpcAttribute", (OperationHandler<DescribeVpcAttributeRequest, ?>) net::vpcAttribute);
        add("ModifyVpcAttribute", (OperationHandler<ModifyVpcAttributeRequest, ?>) net::modifyVpcAttribute);
        add("CreateSubnet", (OperationHandler<CreateSubnetRequest, ?>) net::createSubnet);
        add("DescribeSubnets", (OperationHandler<DescribeSubnetsRequest, ?>) net::describeSubnets);
        add("DeleteSubnet", (OperationHandler<DeleteSubnetRequest, ?>) net::deleteSubnet);
        add("ModifySubnetAttribute", (OperationHandler<ModifySubnetAttributeRequest, ?>) net::modifySubnetAttribute);
        add("CreateSecurityGroup", (OperationHandler<CreateSecurityGroupRequest, ?>) groups::create);
        add("DescribeSecurityGroups", (OperationHandler<DescribeSecurityGroupsRequest, ?>) groups::describe);
        add("DeleteSecurityGroup", (OperationHandler<DeleteSecurityGroupRequest, ?>) groups::delete);
        add("AuthorizeSecurityGroupIngress", (OperationHandler<AuthorizeSecurityGroupIngressRequest, ?>) groups::authorizeIngress);
        add("AuthorizeSecurityGroupEgress", (OperationHandler<AuthorizeSecurityGroupEgressRequest, ?>) groups::authorizeEgress);
        add("RevokeSecurityGroupIngress", (OperationHandler<RevokeSecurityGroupIngressRequest, ?>) groups::revokeIngress);
        add("RevokeSecurityGroupEgress", (OperationHandler<RevokeSecurityGroupEgressRequest, ?>) groups::revokeEgress);
        add("DescribeSecurityGroupRules", (OperationHandler<DescribeSecurityGroupRulesRequest, ?>) groups::describeRules);
        add("DescribeInstanceTypes", (OperationHandler<DescribeInstanceTypesRequest, ?>) catalog::instanceTypes);
        add("DescribeImages", (OperationHandler<DescribeImagesRequest, ?>) catalog::images);
        add("CreateKeyPair", (OperationHandler<CreateKeyPairRequest, ?>) catalog::createKeyPair);
        add("ImportKeyPair", (OperationHandler<ImportKeyPairRequest, ?>) catalog::importKeyPair);
        add("DescribeKeyPairs", (OperationHandler<DescribeKeyPairsRequest, ?>) catalog::describeKeyPairs);
        add("DeleteKeyPair", (OperationHandler<DeleteKeyPairRequest, ?>) catalog::deleteKeyPair);
        add("CreateLaunchTemplate", (OperationHandler<CreateLaunchTemplateRequest, ?>) templates::create);
        add("CreateLaunchTemplateVersion", (OperationHandler<CreateLaunchTemplateVersionRequest, ?>) templates::createVersion);
        add("ModifyLaunchTemplate", (OperationHandler<ModifyLaunchTemplateRequest, ?>) templates::modify);
        add("DeleteLaunchTemplate", (OperationHandler<DeleteLaunchTemplateRequest, ?>) templates::delete);
        add("DeleteLaunchTemplateVersions", (OperationHandler<DeleteLaunchTemplateVersionsRequest, ?>) templates::deleteVersions);
        add("DescribeLaunchTemplates", (OperationHandler<DescribeLaunchTemplatesRequest, ?>) templates::describe);
        add("DescribeLaunchTemplateVersions", (OperationHandler<DescribeLaunchTemplateVersionsRequest, ?>) templates::describeVersions);
        add("RunInstances", (OperationHandler<RunInstancesRequest, ?>) instances::run);
        add("DescribeInstances", (OperationHandler<DescribeInstancesRequest, ?>) instances::describe);
        add("DescribeInstanceStatus", (OperationHandler<DescribeInstanceStatusRequest, ?>) instances::status);
        add("TerminateInstances", (OperationHandler<TerminateInstancesRequest, ?>) instances::terminate);
        add("StopInstances", (OperationHandler<StopInstancesRequest, ?>) instances::stop);
        add("StartInstances", (OperationHandler<StartInstancesRequest, ?>) instances::start);
        add("CreateTags", (OperationHandler<CreateTagsRequest, ?>) tags::create);
        add("DeleteTags", (OperationHandler<DeleteTagsRequest, ?>) tags::delete);
        add("DescribeTags", (OperationHandler<DescribeTagsRequest, ?>) tags::describe);
    }
}
