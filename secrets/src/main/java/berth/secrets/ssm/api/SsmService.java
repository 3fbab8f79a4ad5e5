package berth.secrets.ssm.api;

import berth.aws.AwsService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.secrets.ssm.state.ParameterRecords;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceRequest;

/** SSM Parameter Store on AWS JSON 1.1, target prefix {@code AmazonSSM}. */
public final class SsmService implements AwsService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("ssm");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("ssm", "software.amazon.awssdk.services.ssm.model");

    private final Map<String, OperationHandler<?, ?>> operations = new HashMap<>();

    public SsmService(ParameterRecords records, Clock clock) {
        ParameterApi parameters = new ParameterApi(records, clock);
        ParameterQueryApi queries = new ParameterQueryApi(records, parameters);
        ParameterTagsApi tags = new ParameterTagsApi(records);
        operations.put("PutParameter", (OperationHandler<PutParameterRequest, ?>) parameters::put);
        operations.put("GetParameter", (OperationHandler<GetParameterRequest, ?>) parameters::get);
        operations.put("GetParameters", (OperationHandler<GetParametersRequest, ?>) parameters::getMany);
        operations.put("DeleteParameter", (OperationHandler<DeleteParameterRequest, ?>) parameters::delete);
        operations.put("DeleteParameters", (OperationHandler<DeleteParametersRequest, ?>) parameters::deleteMany);
        operations.put("GetParametersByPath", (OperationHandler<GetParametersByPathRequest, ?>) queries::byPath);
        operations.put("DescribeParameters", (OperationHandler<DescribeParametersRequest, ?>) queries::describe);
        operations.put("GetParameterHistory", (OperationHandler<GetParameterHistoryRequest, ?>) queries::history);
        operations.put("AddTagsToResource", (OperationHandler<AddTagsToResourceRequest, ?>) tags::add);
        operations.put("RemoveTagsFromResource", (OperationHandler<RemoveTagsFromResourceRequest, ?>) tags::remove);
        operations.put("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) tags::list);
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Optional<ServiceDescription> description() {
        return Optional.of(DESCRIPTION);
    }

    @Override
    public Map<String, OperationHandler<?, ?>> operations() {
        return Map.copyOf(operations);
    }
}
