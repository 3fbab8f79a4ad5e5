package berth.sqs.api;

import berth.aws.Caller;
import berth.aws.RequestContext;
import berth.iam.core.AccessRequest;
import berth.iam.core.CallingPrincipal;
import berth.iam.core.Decision;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyEvaluator;
import berth.iam.core.PolicyParser;
import berth.iam.core.PolicySet;
import berth.iam.core.RequestContextKeys;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.Queue;
import berth.sqs.core.QueueNames;
import berth.sqs.state.QueueRecords;
import java.util.List;
import java.util.Optional;

/**
 * Finds the queue a request names by its URL, and lets a caller of another account at it only if the
 * queue's policy allows that account (or the calling identity) the action. Calls within the queue's
 * account are decided by IAM beforehand (the authorizer), with the queue's policy beside the caller's.
 */
final class QueueAccess {
    private final QueueRecords records;

    QueueAccess(QueueRecords records) {
        this.records = records;
    }

    Versioned<Queue> byUrl(String queueUrl, RequestContext ctx) {
        QueueNames.QueueRef ref = QueueNames.fromUrl(queueUrl, ctx.scope()).orElseThrow(SqsErrors::noSuchQueue);
        Versioned<Queue> queue = records.find(ref.scope(), ref.name()).orElseThrow(SqsErrors::noSuchQueue);
        if (!ref.scope().accountId().equals(ctx.accountId())) {
            requireCrossAccount(queue.value(), ctx.caller(), "sqs:" + ctx.operation());
        }
        return queue;
    }

    Optional<Queue> byArn(String arn) {
        return QueueNames.fromArn(arn).flatMap(ref -> records.find(ref.scope(), ref.name())).map(Versioned::value);
    }

    private static void requireCrossAccount(Queue queue, Caller caller, String action) {
        CallingPrincipal principal = caller.identity().root() ? CallingPrincipal.accountRoot(caller.accountId())
                : CallingPrincipal.user(caller.accountId(), caller.identity().arn());
        RequestContextKeys keys = RequestContextKeys.builder().put("aws:PrincipalAccount", caller.accountId())
                .put("aws:PrincipalArn", caller.identity().arn()).build();
        if (!QueuePolicies.allows(queue.settings().policy(), new AccessRequest(action, queue.arn(), keys), principal)) {
            throw SqsErrors.ACCESS_DENIED.exception("Access to the resource " + queue.arn() + " is denied.");
        }
    }
}
