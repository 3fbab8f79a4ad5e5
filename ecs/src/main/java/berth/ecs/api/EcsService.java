package berth.ecs.api;

import berth.aws.AwsService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.store.Store;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** ECS on AWS JSON 1.1, target prefix {@code AmazonEC2ContainerServiceV20141113}. */
public final class EcsService implements AwsService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("ecs");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("ecs", "software.amazon.awssdk.services.ecs.model");

    private final Map<String, OperationHandler<?, ?>> operations;

    public EcsService(Store store, Clock clock) {
        ClusterApi clusters = new ClusterApi(store, clock);
        this.operations = Map.of(
                "CreateCluster", (OperationHandler<software.amazon.awssdk.services.ecs.model.CreateClusterRequest, ?>) clusters::create,
                "DescribeClusters", (OperationHandler<software.amazon.awssdk.services.ecs.model.DescribeClustersRequest, ?>) clusters::describe,
                "ListClusters", (OperationHandler<software.amazon.awssdk.services.ecs.model.ListClustersRequest, ?>) clusters::list,
                "DeleteCluster", (OperationHandler<software.amazon.awssdk.services.ecs.model.DeleteClusterRequest, ?>) clusters::delete);
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public ServiceErrorCodes errorCodes() {
        return ServiceErrorCodes.defaultsFor(Protocol.AWS_JSON_1_1).withValidation("InvalidParameterException");
    }

    @Override
    public Optional<ServiceDescription> description() {
        return Optional.of(DESCRIPTION);
    }

    @Override
    public Map<String, OperationHandler<?, ?>> operations() {
        return operations;
    }
}
