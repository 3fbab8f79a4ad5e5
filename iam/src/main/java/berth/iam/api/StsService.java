package berth.iam.api;

import berth.aws.AwsService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceModel;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.List;
import java.util.Map;

/** STS on the Query protocol: who is calling. */
public final class StsService implements AwsService {
    private static final ServiceModel MODEL = new ServiceModel("sts", "sts", Protocol.QUERY, "",
            "https://sts.amazonaws.com/doc/2011-06-15/", "software.amazon.awssdk.services.sts.model", List.of());

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Map<String, OperationHandler<?, ?>> operations() {
        OperationHandler<GetCallerIdentityRequest, GetCallerIdentityResponse> getCallerIdentity = (request, context) ->
                GetCallerIdentityResponse.builder()
                        .account(context.accountId())
                        .arn(context.caller().identity().arn())
                        .userId(context.caller().identity().userId())
                        .build();
        return Map.of("GetCallerIdentity", getCallerIdentity);
    }
}
