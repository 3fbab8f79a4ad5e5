package berth.sqs.api;

import berth.aws.RequestContext;
import berth.sqs.core.Message;
import berth.sqs.core.OutgoingMessage;
import berth.sqs.core.Queue;
import berth.sqs.core.QueueRefusal;
import berth.sqs.core.QueueState;
import berth.sqs.core.Receipt;
import berth.sqs.core.RedrivePolicy;
import berth.sqs.journal.MessageBook;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** SendMessage, ReceiveMessage (long polling, dead-letter moves), DeleteMessage and ChangeMessageVisibility. */
final class MessageApi {
    private final QueueAccess access;
    private final MessageBook book;
    private final Clock clock;
    /** FIFO receive attempts (ReceiveRequestAttemptId) of the last five minutes, and what they received. */
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    private record Attempt(List<QueueState.Delivery> delivered, long expiresAt) {}

    MessageApi(QueueAccess access, MessageBook book, Clock clock) {
        this.access = access;
        this.book = book;
        this.clock = clock;
    }

    /** A message checked for sending to {@code queue}; throws the refusal as SQS's error. */
    MessageBook.Sending prepare(Queue queue, String body, Map<String, MessageAttributeValue> attributes,
                                Map<String, MessageSystemAttributeValue> system, Integer delaySeconds, String groupId,
                                String deduplicationId, RequestContext ctx) {
        OutgoingMessage outgoing = new OutgoingMessage(body == null ? "" : body, MessageMapping.attributes(attributes),
                MessageMapping.traceHeader(system), delaySeconds == null ? -1 : delaySeconds,
                groupId == null ? "" : groupId, deduplicationId == null ? "" : deduplicationId);
        OutgoingMessage.Checked checked;
        try {
            checked = outgoing.check(queue.settings());
        } catch (QueueRefusal refusal) {
            throw SqsErrors.of(refusal);
        }
        long now = clock.millis();
        Message message = new Message(UUID.randomUUID().toString(), outgoing.body(), outgoing.attributes(),
                outgoing.traceHeader(), ctx.caller().identity().userId(), now, outgoing.groupId(), checked.deduplicationId(),
                0, "");
        String dedupKey = queue.fifo() ? OutgoingMessage.dedupKey(queue.settings(), outgoing.groupId(), checked.deduplicationId()) : "";
        return new MessageBook.Sending(message, now + checked.delaySeconds() * 1000L, dedupKey);
    }

    SendMessageResponse send(SendMessageRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        MessageBook.Sending sending = prepare(queue, request.messageBody(), request.messageAttributes(),
                request.messageSystemAttributesAsStrings(), request.delaySeconds(),
                request.messageGroupId(), request.messageDeduplicationId(), ctx);
        MessageBook.Sent sent = book.send(queue.storageId(), List.of(sending)).get(0);
        Message message = sending.message();
        SendMessageResponse.Builder response = SendMessageResponse.builder().messageId(sent.messageId())
                .md5OfMessageBody(message.md5OfBody());
        if (!message.attributes().isEmpty()) response.md5OfMessageAttributes(message.md5OfAttributes());
        if (!message.traceHeader().isEmpty()) response.md5OfMessageSystemAttributes(message.md5OfSystemAttributes());
        if (queue.fifo()) response.sequenceNumber(String.format("%020d", sent.sequence()));
        return response.build();
    }

    ReceiveMessageResponse receive(ReceiveMessageRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        int max = bounded("MaxNumberOfMessages", request.maxNumberOfMessages(), 1, 1, 10);
        int wait = bounded("WaitTimeSeconds", request.waitTimeSeconds(), queue.settings().receiveMessageWaitTimeSeconds(), 0, 20);
        int visibility = bounded("VisibilityTimeout", request.visibilityTimeout(), queue.settings().visibilityTimeout(), 0, 43_200);
        List<String> system = new ArrayList<>(request.attributeNamesAsStrings());
        system.addAll(request.messageSystemAttributeNamesAsStrings());
        String attemptKey = queue.fifo() && request.receiveRequestAttemptId() != null
                ? queue.storageId() + "/" + request.receiveRequestAttemptId() : "";
        List<QueueState.Delivery> delivered = attemptKey.isEmpty() ? List.of() : retried(attemptKey, queue);
        if (delivered.isEmpty()) {
            delivered = book.receive(queue.storageId(), max, visibility * 1000L, wait * 1000L, deadLetters(queue));
            if (!attemptKey.isEmpty() && !delivered.isEmpty()) {
                attempts.put(attemptKey, new Attempt(delivered, clock.millis() + QueueState.DEDUP_WINDOW_MILLIS));
            }
        }
        List<software.amazon.awssdk.services.sqs.model.Message> messages = new ArrayList<>();
        for (QueueState.Delivery delivery : delivered) {
            messages.add(MessageMapping.delivered(delivery, queue.storageId(), system, request.messageAttributeNames(),
                    queue.fifo()));
        }
        return ReceiveMessageResponse.builder().messages(messages).build();
    }

    /** The deliveries of an earlier receive with the same attempt id, if they are all still in flight under it. */
    private List<QueueState.Delivery> retried(String attemptKey, Queue queue) {
        long now = clock.millis();
        attempts.values().removeIf(a -> a.expiresAt() <= now);
        Attempt earlier = attempts.get(attemptKey);
        if (earlier == null) return List.of();
        boolean intact = book.withQueue(queue.storageId(), state -> earlier.delivered().stream()
                .allMatch(d -> state.message(d.message().id()).isPresent()
                        && state.changeVisibility(d.message().id(), d.receipt(), now, now + queue.settings().visibilityTimeout() * 1000L)
                        == QueueState.VisibilityChange.CHANGED));
        return intact ? earlier.delivered() : List.of();
    }

    private Optional<MessageBook.DeadLetterTarget> deadLetters(Queue queue) {
        if (queue.settings().redrivePolicy().isEmpty()) return Optional.empty();
        RedrivePolicy policy = RedrivePolicy.parse(queue.settings().redrivePolicy());
        return access.byArn(policy.deadLetterTargetArn())
                .map(dlq -> new MessageBook.DeadLetterTarget(dlq.storageId(), queue.arn(), policy.maxReceiveCount()));
    }

    DeleteMessageResponse delete(DeleteMessageRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        book.delete(receipt(queue, request.receiptHandle()));
        return DeleteMessageResponse.builder().build();
    }

    ChangeMessageVisibilityResponse changeVisibility(ChangeMessageVisibilityRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        changeVisibility(queue, request.receiptHandle(), request.visibilityTimeout());
        return ChangeMessageVisibilityResponse.builder().build();
    }

    void changeVisibility(Queue queue, String handle, Integer timeout) {
        int seconds = bounded("VisibilityTimeout", timeout, -1, 0, 43_200);
        if (seconds < 0) throw SqsErrors.MISSING_PARAMETER.exception("The request must contain the parameter VisibilityTimeout.");
        switch (book.changeVisibility(receipt(queue, handle), seconds * 1000L)) {
            case CHANGED -> { }
            case NOT_IN_FLIGHT -> throw SqsErrors.MESSAGE_NOT_INFLIGHT.exception("Message does not exist or is not"
                    + " available for visibility timeout change.");
            case STALE_RECEIPT -> throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Value " + handle + " for parameter"
                    + " ReceiptHandle is invalid. Reason: The receipt handle has expired.");
        }
    }

    /** The receipt a handle names, which must be of this queue. */
    static Receipt receipt(Queue queue, String handle) {
        if (handle == null || handle.isEmpty()) {
            throw SqsErrors.MISSING_PARAMETER.exception("The request must contain the parameter ReceiptHandle.");
        }
        Optional<Receipt> receipt = Receipt.parse(handle);
        if (receipt.isEmpty() || !receipt.get().storageId().equals(queue.storageId())) {
            throw SqsErrors.RECEIPT_HANDLE_IS_INVALID.exception("The input receipt handle \"" + handle
                    + "\" is not a valid receipt handle.");
        }
        return receipt.get();
    }

    static int bounded(String parameter, Integer given, int fallback, int min, int max) {
        if (given == null) return fallback;
        if (given < min || given > max) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Value " + given + " for parameter " + parameter + " is invalid."
                    + " Reason: Must be between " + min + " and " + max + ", if provided.");
        }
        return given;
    }
}
