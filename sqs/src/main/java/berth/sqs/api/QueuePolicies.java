package berth.sqs.api;

import berth.iam.core.AccessRequest;
import berth.iam.core.CallingPrincipal;
import berth.iam.core.Decision;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyEvaluator;
import berth.iam.core.PolicyParser;
import berth.iam.core.PolicySet;
import berth.iam.core.RequestContextKeys;
import berth.sqs.core.Queue;
import java.util.List;
import java.util.Optional;

/** What a queue's policy allows, evaluated with IAM's policy language. */
public final class QueuePolicies {
    private QueuePolicies() {}

    /** Whether a queue policy allows a request of {@code principal} (an account, a user, or a service). */
    public static boolean allows(String policy, AccessRequest request, CallingPrincipal principal) {
        if (policy.isEmpty()) return false;
        PolicyDocument document;
        try {
            document = PolicyParser.parse(policy, PolicyParser.Kind.RESOURCE);
        } catch (MalformedPolicyException e) {
            return false;
        }
        Decision decision = PolicyEvaluator.evaluate(request, PolicySet.of(List.of()), Optional.of(document), principal);
        return decision.allowed();
    }

    /** Whether a service principal may send to a queue on behalf of {@code sourceArn} in {@code sourceAccount}. */
    public static boolean serviceMaySend(Queue queue, String service, String sourceArn, String sourceAccount) {
        RequestContextKeys keys = RequestContextKeys.builder().put("aws:SourceArn", sourceArn)
                .put("aws:SourceAccount", sourceAccount).put("aws:PrincipalIsAWSService", "true")
                .put("aws:PrincipalServiceName", service).build();
        return allows(queue.settings().policy(), new AccessRequest("sqs:SendMessage", queue.arn(), keys),
                CallingPrincipal.service(service));
    }

}
