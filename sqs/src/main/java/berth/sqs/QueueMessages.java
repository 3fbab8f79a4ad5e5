package berth.sqs;

import berth.aws.Caller;
import java.util.Map;

/**
 * Sends messages to SQS queues on behalf of another service of berth (S3's event notifications,
 * later EventBridge), as AWS does: only when the queue's policy allows that service principal
 * {@code sqs:SendMessage}, with {@code aws:SourceArn} and {@code aws:SourceAccount} set for the
 * policy's conditions. Published by the SQS module: {@code platform.lookup(QueueMessages.class)}.
 */
public interface QueueMessages {

    /** Whether a service may send to a queue. */
    enum Access { ALLOWED, NO_SUCH_QUEUE, DENIED, FIFO_UNSUPPORTED }

    /**
     * @param service the service principal, e.g. {@code s3.amazonaws.com}
     * @param sourceArn the resource the service sends for, e.g. {@code arn:aws:s3:::bucket}
     * @param sourceAccount the account that owns the source
     */
    Access access(String queueArn, String service, String sourceArn, String sourceAccount);

    /** Sends {@code body} durably if {@link #access} allows it now; returns what access said. */
    Access send(String queueArn, String service, String sourceArn, String sourceAccount, String body);

    /**
     * Sends as a caller another service assumed (EventBridge Scheduler sends as its target's role):
     * SendMessage decoded, validated and authorised as on the wire, the caller's policies beside the
     * queue's. {@code attributes} become String message attributes; {@code messageGroupId} and
     * {@code deduplicationId} are empty for a standard queue.
     *
     * @return the message id
     * @throws berth.aws.AwsException as SendMessage answers it on the wire
     */
    String sendAs(Caller caller, String queueArn, String body, Map<String, String> attributes, String messageGroupId,
                  String deduplicationId);
}
