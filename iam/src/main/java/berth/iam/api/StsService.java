package berth.iam.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.iam.state.IamRecords;
import berth.iam.state.PrincipalPolicies;
import berth.iam.state.SessionIssuer;
import berth.iam.state.SessionRecords;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.time.Clock;

/** STS on the Query protocol (version 2011-06-15): who is calling, and role sessions. */
public final class StsService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("sts");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("sts", "software.amazon.awssdk.services.sts.model");

    public StsService(IamRecords iam, SessionRecords sessions, PrincipalPolicies principals, SessionIssuer issuer,
                      Clock clock) {
        super(MODEL, DESCRIPTION);
        AssumeRoleApi assumeRole = new AssumeRoleApi(iam, sessions, principals, issuer, clock);
        OperationHandler<GetCallerIdentityRequest, GetCallerIdentityResponse> getCallerIdentity = (request, context) ->
                GetCallerIdentityResponse.builder()
                        .account(context.accountId())
                        .arn(context.caller().identity().arn())
                        .userId(context.caller().identity().userId())
                        .build();
        add("GetCallerIdentity", getCallerIdentity);
        add("AssumeRole", (OperationHandler<AssumeRoleRequest, ?>) assumeRole::assume);
    }
}
