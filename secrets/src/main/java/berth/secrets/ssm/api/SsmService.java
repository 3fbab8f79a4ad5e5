package berth.secrets.ssm.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.secrets.ssm.state.ParameterRecords;
import berth.secrets.ssm.state.PublicParameterTable;
import java.time.Clock;
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

/** SSM Parameter Store on AWS JSON 1.1, target prefix {@code AmazonSSM}, with the public parameters of {@code /aws/service/}. */
public final class SsmService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("ssm");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("ssm", "software.amazon.awssdk.services.ssm.model");

    public SsmService(ParameterRecords records, PublicParameterTable publicParameters, Clock clock) {
        super(MODEL, DESCRIPTION);
        ParameterApi parameters = new ParameterApi(records, publicParameters, clock);
        ParameterQueryApi queries = new ParameterQueryApi(records, parameters, publicParameters);
        ParameterTagsApi tags = new ParameterTagsApi(records);
        add("PutParameter", (OperationHandler<PutParameterRequest, ?>) parameters::put);
        add("GetParameter", (OperationHandler<GetParameterRequest, ?>) parameters::get);
        add("GetParameters", (OperationHandler<GetParametersRequest, ?>) parameters::getMany);
        add("DeleteParameter", (OperationHandler<DeleteParameterRequest, ?>) parameters::delete);
        add("DeleteParameters", (OperationHandler<DeleteParametersRequest, ?>) parameters::deleteMany);
        add("GetParametersByPath", (OperationHandler<GetParametersByPathRequest, ?>) queries::byPath);
        add("DescribeParameters", (OperationHandler<DescribeParametersRequest, ?>) queries::describe);
        add("GetParameterHistory", (OperationHandler<GetParameterHistoryRequest, ?>) queries::history);
        add("AddTagsToResource", (OperationHandler<AddTagsToResourceRequest, ?>) tags::add);
        add("RemoveTagsFromResource", (OperationHandler<RemoveTagsFromResourceRequest, ?>) tags::remove);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) tags::list);
    }
}
