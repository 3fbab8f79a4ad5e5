package berth.sqs;

import berth.aws.AwsException;
import berth.aws.Caller;
import berth.aws.InProcessCalls;
import berth.iam.core.MalformedPolicyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.Message;
import berth.sqs.core.MessageAttribute;
import berth.sqs.core.OutgoingMessage;
import berth.sqs.core.QueueRefusal;
import berth.sqs.core.Queue;
import berth.sqs.core.QueueNames;
import berth.sqs.core.QueueState;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The SQS module's published interfaces over its queues and message book. */
final class StoredQueues implements QueueMessages, QueueDepths {
    private final QueueRecords records;
    private final MessageBook book;
    private final Clock clock;
    private final InProcessCalls calls;
    private final String endpoint;

    StoredQueues(QueueRecords records, MessageBook book, Clock clock, InProcessCalls calls, String endpoint) {
        this.records = records;
        this.book = book;
        this.clock = clock;
        this.calls = calls;
        this.endpoint = endpoint;
    }

    private Optional<Queue> queue(String arn) {
        return QueueNames.fromArn(arn).flatMap(ref -> records.find(ref.scope(), ref.name())).map(Versioned::value);
    }

    @Override
    public Access access(String queueArn, String service, String sourceArn, String sourceAccount) {
        return access(queueArn, service, sourceArn, sourceAccount, false);
    }

    private Access access(String queueArn, String service, String sourceArn, String sourceAccount, boolean grouped) {
        Optional<Queue> queue = queue(queueArn);
        if (queue.isEmpty()) return Access.NO_SUCH_QUEUE;
        if (queue.get().fifo() && !grouped) return Access.FIFO_UNSUPPORTED;
        try {
            return berth.sqs.api.QueuePolicies.serviceMaySend(queue.get(), service, sourceArn, sourceAccount) ? Access.ALLOWED : Access.DENIED;
        } catch (MalformedPolicyException e) {
            return Access.DENIED;
        }
    }

    @Override
    public Access send(String queueArn, String service, String sourceArn, String sourceAccount, ServiceMessage sent) {
        Access access = access(queueArn, service, sourceArn, sourceAccount, !sent.groupId().isEmpty());
        if (access != Access.ALLOWED) return access;
        Queue queue = queue(queueArn).orElseThrow();
        Map<String, MessageAttribute> attributes = new java.util.TreeMap<>();
        sent.attributes().forEach((name, value) -> attributes.put(name, new MessageAttribute("String", value, new byte[0])));
        String group = queue.fifo() ? sent.groupId() : "";
        OutgoingMessage outgoing = new OutgoingMessage(sent.body(), attributes, "", -1, group, queue.fifo() ? sent.deduplicationId() : "");
        OutgoingMessage.Checked checked;
        try {
            checked = outgoing.check(queue.settings());
        } catch (QueueRefusal refusal) {
            return Access.INVALID_MESSAGE;
        }
        long now = clock.millis();
        Message message = new Message(UUID.randomUUID().toString(), sent.body(), attributes, "", service, now, group,
                checked.deduplicationId(), 0, "");
        String dedupKey = queue.fifo() ? OutgoingMessage.dedupKey(queue.settings(), group, checked.deduplicationId()) : "";
        book.send(queue.storageId(), List.of(new MessageBook.Sending(message, now + checked.delaySeconds() * 1000L, dedupKey)));
        return Access.ALLOWED;
    }

    @Override
    public String sendAs(Caller caller, String queueArn, String body, Map<String, String> attributes, String messageGroupId,
                         String deduplicationId) {
        QueueNames.QueueRef ref = QueueNames.fromArn(queueArn).orElseThrow(() ->
                new AwsException(400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
                        "The specified queue does not exist.", true));
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("QueueUrl", endpoint.replaceAll("/+$", "") + "/" + ref.scope().accountId() + "/" + ref.name());
        request.put("MessageBody", body);
        if (!messageGroupId.isEmpty()) request.put("MessageGroupId", messageGroupId);
        if (!deduplicationId.isEmpty()) request.put("MessageDeduplicationId", deduplicationId);
        if (!attributes.isEmpty()) {
            ObjectNode attrs = request.putObject("MessageAttributes");
            attributes.forEach((name, value) -> attrs.putObject(name).put("DataType", "String").put("StringValue", value));
        }
        Caller inRegion = new Caller(caller.identity(), caller.accessKeyId(), ref.scope().region(), "sqs");
        return calls.call(inRegion, "SendMessage", request).path("MessageId").asText();
    }

    @Override
    public List<Depth> all() {
        return records.all().stream().map(this::depth).toList();
    }

    @Override
    public Optional<Depth> of(String queueArn) {
        return queue(queueArn).map(this::depth);
    }

    private Depth depth(Queue queue) {
        QueueState.Counts counts = book.counts(queue.storageId());
        long age = counts.oldestSentAtMillis() == 0 ? 0 : Math.max(0, (clock.millis() - counts.oldestSentAtMillis()) / 1000);
        return new Depth(queue.arn(), queue.name(), queue.accountId(), queue.region(), counts.visible(), counts.inFlight(),
                counts.delayed(), age);
    }
}
