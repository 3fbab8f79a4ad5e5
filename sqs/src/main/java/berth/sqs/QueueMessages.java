package berth.sqs;

import berth.aws.Caller;
import java.util.Map;

/**
 * Sends messages to SQS queues on behalf of another service of berth (S3's event notifications,
 * EventBridge), as AWS does: only when the queue's policy allows that service principal
 * {@code sqs:SendMessage}, with {@code aws:SourceArn} and {@code aws:SourceAccount} set for the
 * policy's conditions. Published by the SQS module: {@code platform.lookup(QueueMessages.class)}.
 */
public interface QueueMessages {

    /**
     * Whether a service may send to a queue: {@code FIFO_UNSUPPORTED} for a FIFO queue and a message
     * without a group; {@code INVALID_MESSAGE} when SQS refuses the message itself (too large, bad characters).
     */
    enum Access { ALLOWED, NO_SUCH_QUEUE, DENIED, FIFO_UNSUPPORTED, INVALID_MESSAGE }

    /**
     * A message a service sends: String message attributes, and for FIFO queues its group and
     * deduplication id (empty for a standard queue).
     */
    record ServiceMessage(String body, Map<String, String> attributes, String groupId, String deduplicationId) {
        public ServiceMessage {
            attributes = Map.copyOf(attributes);
        }

        public static ServiceMessage of(String body) {
            return new ServiceMessage(body, Map.of(), "", "");
        }
    }

    /**
     * @param service the service principal, e.g. {@code s3.amazonaws.com}
     * @param sourceArn the resource the service sends for, e.g. {@code arn:aws:s3:::bucket}
     * @param sourceAccount the account that owns the source
     */
    Access access(String queueArn, String service, String sourceArn, String sourceAccount);

    /** Sends {@code body} durably if {@link #access} allows it now; returns what access said. */
    default Access send(String queueArn, String service, String sourceArn, String sourceAccount, String body) {
        return send(queueArn, service, sourceArn, sourceAccount, ServiceMessage.of(body));
    }

    /** Sends a message durably if the queue's policy allows the service now (a FIFO queue when it has a group). */
    Access send(String queueArn, String service, String sourceArn, String sourceAccount, ServiceMessage message);

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
