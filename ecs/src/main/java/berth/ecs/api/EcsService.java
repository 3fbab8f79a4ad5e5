package berth.ecs.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.store.Store;
import java.time.Clock;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ecs.model.*;

/**
 * ECS on AWS JSON 1.1, target prefix {@code AmazonEC2ContainerServiceV20141113}: the whole operation
 * table in one place, each operation with the handler that serves it.
 */
public final class EcsService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("ecs");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("ecs", "software.amazon.awssdk.services.ecs.model");

    /** @param endpoint the address agents poll, which DiscoverPollEndpoint answers */
    public EcsService(Store store, Clock clock, java.util.function.Supplier<java.net.URI> endpoint) {
        this(store, clock, endpoint, java.util.Optional::empty);
    }

    /** @param express who serves Express Mode's operations, when a module publishes them */
    public EcsService(Store store, Clock clock, java.util.function.Supplier<java.net.URI> endpoint,
                      java.util.function.Supplier<java.util.Optional<berth.ecs.ExpressGateways>> express) {
        super(MODEL, DESCRIPTION, ServiceErrorCodes.defaultsFor(Protocol.AWS_JSON_1_1)
                .withValidation(EcsErrors.INVALID_PARAMETER.code()));
        TaggableResources taggable = new TaggableResources();
        CapacityProviderApi capacityProviders = new CapacityProviderApi(store);
        add("CreateCapacityProvider", CreateCapacityProviderRequest.class, capacityProviders::create);
        add("DescribeCapacityProviders", DescribeCapacityProvidersRequest.class, capacityProviders::describe);
        add("UpdateCapacityProvider", UpdateCapacityProviderRequest.class, capacityProviders::update);
        add("DeleteCapacityProvider", DeleteCapacityProviderRequest.class, capacityProviders::delete);
        taggable.register("capacity-provider", capacityProviders.taggable());

        AccountSettingApi accountSettings = new AccountSettingApi(store);
        add("PutAccountSetting", PutAccountSettingRequest.class, accountSettings::put);
        add("PutAccountSettingDefault", PutAccountSettingDefaultRequest.class, accountSettings::putDefault);
        add("DeleteAccountSetting", DeleteAccountSettingRequest.class, accountSettings::delete);
        add("ListAccountSettings", ListAccountSettingsRequest.class, accountSettings::list);

        ClusterApi clusters = new ClusterApi(store, clock, capacityProviders, accountSettings);
        add("CreateCluster", CreateClusterRequest.class, clusters::create);
        add("DescribeClusters", DescribeClustersRequest.class, clusters::describe);
        add("ListClusters", ListClustersRequest.class, clusters::list);
        add("UpdateCluster", UpdateClusterRequest.class, clusters::update);
        add("UpdateClusterSettings", UpdateClusterSettingsRequest.class, clusters::updateSettings);
        add("DeleteCluster", DeleteClusterRequest.class, clusters::delete);
        add("PutClusterCapacityProviders", PutClusterCapacityProvidersRequest.class, clusters::putCapacityProviders);

        TaskDefinitionApi definitions = new TaskDefinitionApi(store, clock);
        add("RegisterTaskDefinition", RegisterTaskDefinitionRequest.class, definitions::register);
        add("DeregisterTaskDefinition", DeregisterTaskDefinitionRequest.class, definitions::deregister);
        add("DeleteTaskDefinitions", DeleteTaskDefinitionsRequest.class, definitions::delete);
        add("DescribeTaskDefinition", DescribeTaskDefinitionRequest.class, definitions::describe);
        add("ListTaskDefinitions", ListTaskDefinitionsRequest.class, definitions::list);
        add("ListTaskDefinitionFamilies", ListTaskDefinitionFamiliesRequest.class, definitions::families);

        ContainerInstanceApi instances = new ContainerInstanceApi(store, clock);
        add("RegisterContainerInstance", RegisterContainerInstanceRequest.class, instances::register);
        add("DeregisterContainerInstance", DeregisterContainerInstanceRequest.class, instances::deregister);
        add("DescribeContainerInstances", DescribeContainerInstancesRequest.class, instances::describe);
        add("ListContainerInstances", ListContainerInstancesRequest.class, instances::list);
        add("UpdateContainerInstancesState", UpdateContainerInstancesStateRequest.class, instances::updateState);

        AttributeApi attributes = new AttributeApi(store);
        add("PutAttributes", PutAttributesRequest.class, attributes::put);
        add("DeleteAttributes", DeleteAttributesRequest.class, attributes::delete);
        add("ListAttributes", ListAttributesRequest.class, attributes::list);

        ServiceApi services = new ServiceApi(store, clock);
        add("CreateService", CreateServiceRequest.class, services::create);
        add("CreateExpressGatewayService",
                software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest.class,
                (r, ctx) -> express(express).create(ctx.scope(), r));
        add("DescribeExpressGatewayService",
                software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceRequest.class,
                (r, ctx) -> express(express).describe(ctx.scope(), r));
        add("UpdateExpressGatewayService",
                software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest.class,
                (r, ctx) -> express(express).update(ctx.scope(), r));
        add("DeleteExpressGatewayService",
                software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceRequest.class,
                (r, ctx) -> express(express).delete(ctx.scope(), r));
        add("UpdateService", UpdateServiceRequest.class, services::update);
        add("DeleteService", DeleteServiceRequest.class, services::delete);
        add("DescribeServices", DescribeServicesRequest.class, services::describe);
        add("ListServices", ListServicesRequest.class, services::list);
        taggable.register("service", services.taggable());

        TaskLaunchApi launches = new TaskLaunchApi(store, clock);
        add("RunTask", RunTaskRequest.class, launches::run);
        add("StartTask", StartTaskRequest.class, launches::start);

        TaskApi tasks = new TaskApi(store, clock);
        add("StopTask", StopTaskRequest.class, tasks::stop);
        add("DescribeTasks", DescribeTasksRequest.class, tasks::describe);
        add("ListTasks", ListTasksRequest.class, tasks::list);
        taggable.register("task", tasks.taggable());

        // the agent's side, where ECS has public operations for it
        AgentStateApi agents = new AgentStateApi(store, clock, endpoint);
        add("SubmitTaskStateChange", SubmitTaskStateChangeRequest.class, agents::taskStateChange);
        add("SubmitContainerStateChange", SubmitContainerStateChangeRequest.class, agents::containerStateChange);
        add("SubmitAttachmentStateChanges", SubmitAttachmentStateChangesRequest.class,
                agents::attachmentStateChanges);
        add("DiscoverPollEndpoint", DiscoverPollEndpointRequest.class, agents::discoverPollEndpoint);

        TagApi tags = new TagApi(store, taggable);
        add("TagResource", TagResourceRequest.class, tags::tag);
        add("UntagResource", UntagResourceRequest.class, tags::untag);
        add("ListTagsForResource", ListTagsForResourceRequest.class, tags::list);
    }

    /** Registers an operation with its request type named, so the table reads as the API reference does. */
    private static berth.ecs.ExpressGateways express(
            java.util.function.Supplier<java.util.Optional<berth.ecs.ExpressGateways>> express) {
        return express.get().orElseThrow(() -> EcsErrors.UNSUPPORTED_FEATURE.exception(
                "Express Mode needs berth's apprunner module, which is not running"));
    }

    private <I extends SdkPojo> void add(String operation, Class<I> requestType, OperationHandler<I, ?> handler) {
        add(operation, handler);
    }
}
