package berth.aws;

import berth.aws.arn.Arn;
import berth.aws.paging.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.apprunner.model.Connection;
import software.amazon.awssdk.services.apprunner.model.CreateConnectionRequest;
import software.amazon.awssdk.services.apprunner.model.CreateConnectionResponse;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.TargetSummary;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Small in-memory services, one per protocol, whose handlers echo what they decoded. */
final class TestServices {
    static final Instant CREATED_AT = Instant.parse("2024-05-01T10:15:30.123Z");

    private final AtomicReference<SdkPojo> lastInput;
    private final Map<String, Cluster> clusters = new ConcurrentSkipListMap<>();
    private final Map<String, GetScheduleResponse> schedules = new ConcurrentSkipListMap<>();
    private final Map<String, LoadBalancer> loadBalancers = new ConcurrentSkipListMap<>();

    TestServices(AtomicReference<SdkPojo> lastInput) {
        this.lastInput = lastInput;
    }

    private <T extends SdkPojo> T seen(T input) {
        lastInput.set(input);
        return input;
    }

    AwsService sts() {
        return new TestService("sts", "sts", "software.amazon.awssdk.services.sts.model")
                .on("GetCallerIdentity", (GetCallerIdentityRequest request, RequestContext context) ->
                        GetCallerIdentityResponse.builder().account(context.accountId())
                                .arn(context.caller().identity().arn()).userId(context.caller().identity().userId()).build())
                .on("AssumeRole", (AssumeRoleRequest request, RequestContext context) -> {
                    seen(request);
                    return AssumeRoleResponse.builder()
                            .credentials(Credentials.builder().accessKeyId("ASIANEW").secretAccessKey("s3cr3t & <more>")
                                    .sessionToken("tok").expiration(Instant.parse("2030-01-02T03:04:05.678Z")).build())
                            .assumedRoleUser(AssumedRoleUser.builder().assumedRoleId("AROA1:" + request.roleSessionName())
                                    .arn(request.roleArn() + "/" + request.roleSessionName()).build())
                            .packedPolicySize(7).sourceIdentity(request.sourceIdentity()).build();
                });
    }

    AwsService ecs() {
        return new TestService("ecs", "ecs", "software.amazon.awssdk.services.ecs.model")
                .withErrorCodes(ServiceErrorCodes.defaultsFor(Protocol.AWS_JSON_1_1).withValidation("InvalidParameterException"))
                .on("CreateCluster", (CreateClusterRequest request, RequestContext context) -> {
                    seen(request);
                    Cluster cluster = Cluster.builder().clusterName(request.clusterName()).status("ACTIVE")
                            .clusterArn(Arn.of("ecs", context.region(), context.accountId(), "cluster", request.clusterName()).format())
                            .tags(request.tags()).settings(request.settings()).capacityProviders(request.capacityProviders())
                            .registeredContainerInstancesCount(0).build();
                    clusters.put(cluster.clusterArn(), cluster);
                    return CreateClusterResponse.builder().cluster(cluster).build();
                })
                .on("ListClusters", (ListClustersRequest request, RequestContext context) -> {
                    Page<String> page = Page.of(List.copyOf(clusters.keySet()), request.nextToken(), request.maxResults(),
                            100, 100, arn -> arn);
                    return ListClustersResponse.builder().clusterArns(page.items()).nextToken(page.nextToken().orElse(null)).build();
                })
                .on("DescribeClusters", (DescribeClustersRequest request, RequestContext context) -> {
                    DescribeClustersResponse.Builder response = DescribeClustersResponse.builder().failures(List.of());
                    List<Cluster> found = request.clusters().stream().map(clusters::get).filter(c -> c != null).toList();
                    return found.isEmpty() ? response.build() : response.clusters(found).build();
                })
                .on("DeleteCluster", (DeleteClusterRequest request, RequestContext context) -> {
                    Cluster removed = clusters.remove(request.cluster());
                    if (removed == null) {
                        throw new AwsException(400, "ClusterNotFoundException", "Cluster not found.");
                    }
                    return DeleteClusterResponse.builder().cluster(removed).build();
                })
                .on("RegisterTaskDefinition", (RegisterTaskDefinitionRequest request, RequestContext context) -> {
                    seen(request);
                    TaskDefinition definition = TaskDefinition.builder().family(request.family()).revision(1)
                            .taskDefinitionArn(Arn.of("ecs", context.region(), context.accountId(), "task-definition",
                                    request.family() + ":1").format())
                            .containerDefinitions(request.containerDefinitions()).networkMode(request.networkMode())
                            .requiresCompatibilities(request.requiresCompatibilities()).cpu(request.cpu())
                            .memory(request.memory()).status("ACTIVE").registeredAt(CREATED_AT).build();
                    return RegisterTaskDefinitionResponse.builder().taskDefinition(definition).tags(request.tags()).build();
                })
                .on("ListTasks", (ListTasksRequest request, RequestContext context) -> {
                    throw new IllegalStateException("task index unavailable: /var/lib/secret/path");
                });
    }

    AwsService appRunner() {
        return new TestService("apprunner", "apprunner", "software.amazon.awssdk.services.apprunner.model")
                .withErrorCodes(ServiceErrorCodes.defaultsFor(Protocol.AWS_JSON_1_0).withValidation("InvalidRequestException"))
                .on("CreateConnection", (CreateConnectionRequest request, RequestContext context) -> {
                    seen(request);
                    return CreateConnectionResponse.builder().connection(Connection.builder()
                            .connectionName(request.connectionName()).providerType(request.providerType())
                            .connectionArn(Arn.of("apprunner", context.region(), context.accountId(), "connection",
                                    request.connectionName()).format())
                            .status("PENDING_HANDSHAKE").createdAt(CREATED_AT).build()).build();
                });
    }

    AwsService scheduler() {
        return new TestService("scheduler", "scheduler", "software.amazon.awssdk.services.scheduler.model")
                .on("CreateSchedule", (CreateScheduleRequest request, RequestContext context) -> {
                    seen(request);
                    String group = request.groupName() == null ? "default" : request.groupName();
                    String arn = Arn.of("scheduler", context.region(), context.accountId(), "schedule",
                            group + "/" + request.name()).format();
                    schedules.put(group + "/" + request.name(), GetScheduleResponse.builder().name(request.name())
                            .groupName(group).arn(arn).scheduleExpression(request.scheduleExpression())
                            .flexibleTimeWindow(request.flexibleTimeWindow()).target(request.target())
                            .startDate(request.startDate()).state(request.state() == null ? "ENABLED" : request.stateAsString())
                            .creationDate(CREATED_AT).description(request.description()).build());
                    return CreateScheduleResponse.builder().scheduleArn(arn).build();
                })
                .on("GetSchedule", (GetScheduleRequest request, RequestContext context) -> {
                    seen(request);
                    String group = request.groupName() == null ? "default" : request.groupName();
                    GetScheduleResponse schedule = schedules.get(group + "/" + request.name());
                    if (schedule == null) {
                        throw new AwsException(404, "ResourceNotFoundException", "Schedule " + request.name() + " does not exist.");
                    }
                    return schedule;
                })
                .on("ListSchedules", (ListSchedulesRequest request, RequestContext context) -> {
                    seen(request);
                    List<GetScheduleResponse> matching = new ArrayList<>();
                    schedules.forEach((key, schedule) -> {
                        if ((request.namePrefix() == null || schedule.name().startsWith(request.namePrefix()))
                                && (request.state() == null || request.stateAsString().equals(schedule.stateAsString()))) {
                            matching.add(schedule);
                        }
                    });
                    Page<GetScheduleResponse> page = Page.of(matching, request.nextToken(), request.maxResults(), 100, 100,
                            schedule -> schedule.groupName() + "/" + schedule.name());
                    return ListSchedulesResponse.builder().nextToken(page.nextToken().orElse(null)).schedules(page.items().stream()
                            .map(s -> ScheduleSummary.builder().name(s.name()).arn(s.arn()).groupName(s.groupName())
                                    .state(s.state()).creationDate(s.creationDate())
                                    .target(TargetSummary.builder().arn(s.target().arn()).build()).build()).toList()).build();
                });
    }

    AwsService elbv2() {
        return new TestService("elbv2", "elasticloadbalancing", "software.amazon.awssdk.services.elasticloadbalancingv2.model")
                .on("CreateLoadBalancer", (CreateLoadBalancerRequest request, RequestContext context) -> {
                    seen(request);
                    LoadBalancer balancer = LoadBalancer.builder().loadBalancerName(request.name())
                            .loadBalancerArn(Arn.of("elasticloadbalancing", context.region(), context.accountId(),
                                    "loadbalancer", "app/" + request.name() + "/50dc6c495c0c9188").format())
                            .dnsName(request.name() + ".elb.berth.internal").createdTime(CREATED_AT)
                            .scheme(request.scheme() == null ? "internet-facing" : request.schemeAsString())
                            .type(request.type() == null ? "application" : request.typeAsString())
                            .state(LoadBalancerState.builder().code("provisioning").build()).vpcId("vpc-1")
                            .availabilityZones(request.subnets().stream().map(subnet -> AvailabilityZone.builder()
                                    .subnetId(subnet).zoneName("us-east-1a").build()).toList())
                            .securityGroups(request.securityGroups()).ipAddressType(request.ipAddressTypeAsString()).build();
                    loadBalancers.put(balancer.loadBalancerName(), balancer);
                    return CreateLoadBalancerResponse.builder().loadBalancers(balancer).build();
                })
                .on("DescribeLoadBalancers", (DescribeLoadBalancersRequest request, RequestContext context) -> {
                    for (String name : request.names()) {
                        if (!loadBalancers.containsKey(name)) {
                            throw new AwsException(400, "LoadBalancerNotFound", "One or more load balancers not found");
                        }
                    }
                    List<LoadBalancer> all = loadBalancers.values().stream()
                            .filter(lb -> request.names().isEmpty() || request.names().contains(lb.loadBalancerName())).toList();
                    Page<LoadBalancer> page = Page.of(all, request.marker(), request.pageSize(), 400, 400,
                            LoadBalancer::loadBalancerName);
                    return DescribeLoadBalancersResponse.builder().loadBalancers(page.items())
                            .nextMarker(page.nextToken().orElse(null)).build();
                });
    }
}
