package berth.sqs.api;

import berth.aws.OperationHandler;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.AddPermissionRequest;
import software.amazon.awssdk.services.sqs.model.CancelMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksRequest;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.PurgeQueueRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.RemovePermissionRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.TagQueueRequest;
import software.amazon.awssdk.services.sqs.model.UntagQueueRequest;

/** Every SQS operation and its handler: one table, served on both of SQS's wires. */
public final class SqsOperations {
    private final Map<String, OperationHandler<?, ?>> table = new LinkedHashMap<>();
    private final QueueApi queues;
    private final QueueAttributesApi attributes;

    public SqsOperations(QueueRecords records, MessageBook book, Clock clock, URI endpoint, Runnable wakeMover) {
        QueueAccess access = new QueueAccess(records);
        attributes = new QueueAttributesApi(records, access, book, clock);
        queues = new QueueApi(records, access, attributes, book, clock, endpoint);
        QueueTagsApi tags = new QueueTagsApi(records, access);
        PermissionApi permissions = new PermissionApi(records, access, clock);
        MessageApi messages = new MessageApi(access, book, clock);
        BatchApi batches = new BatchApi(access, messages, book);
        MoveTaskApi moves = new MoveTaskApi(records, access, book, clock, wakeMover);
        table.put("CreateQueue", (OperationHandler<CreateQueueRequest, ?>) queues::create);
        table.put("DeleteQueue", (OperationHandler<DeleteQueueRequest, ?>) queues::delete);
        table.put("GetQueueUrl", (OperationHandler<GetQueueUrlRequest, ?>) queues::url);
        table.put("ListQueues", (OperationHandler<ListQueuesRequest, ?>) queues::list);
        table.put("ListDeadLetterSourceQueues", (OperationHandler<ListDeadLetterSourceQueuesRequest, ?>) queues::deadLetterSources);
        table.put("PurgeQueue", (OperationHandler<PurgeQueueRequest, ?>) queues::purge);
        table.put("GetQueueAttributes", (OperationHandler<GetQueueAttributesRequest, ?>) attributes::get);
        table.put("SetQueueAttributes", (OperationHandler<SetQueueAttributesRequest, ?>) attributes::set);
        table.put("TagQueue", (OperationHandler<TagQueueRequest, ?>) tags::tag);
        table.put("UntagQueue", (OperationHandler<UntagQueueRequest, ?>) tags::untag);
        table.put("ListQueueTags", (OperationHandler<ListQueueTagsRequest, ?>) tags::list);
        table.put("AddPermission", (OperationHandler<AddPermissionRequest, ?>) permissions::add);
        table.put("RemovePermission", (OperationHandler<RemovePermissionRequest, ?>) permissions::remove);
        table.put("SendMessage", (OperationHandler<SendMessageRequest, ?>) messages::send);
        table.put("ReceiveMessage", (OperationHandler<ReceiveMessageRequest, ?>) messages::receive);
        table.put("DeleteMessage", (OperationHandler<DeleteMessageRequest, ?>) messages::delete);
        table.put("ChangeMessageVisibility", (OperationHandler<ChangeMessageVisibilityRequest, ?>) messages::changeVisibility);
        table.put("SendMessageBatch", (OperationHandler<SendMessageBatchRequest, ?>) batches::send);
        table.put("DeleteMessageBatch", (OperationHandler<DeleteMessageBatchRequest, ?>) batches::delete);
        table.put("ChangeMessageVisibilityBatch",
                (OperationHandler<ChangeMessageVisibilityBatchRequest, ?>) batches::changeVisibility);
        table.put("StartMessageMoveTask", (OperationHandler<StartMessageMoveTaskRequest, ?>) moves::start);
        table.put("ListMessageMoveTasks", (OperationHandler<ListMessageMoveTasksRequest, ?>) moves::list);
        table.put("CancelMessageMoveTask", (OperationHandler<CancelMessageMoveTaskRequest, ?>) moves::cancel);
    }

    public Map<String, OperationHandler<?, ?>> table() {
        return table;
    }

    /** Every attribute of a queue, as GetQueueAttributes answers {@code All}. */
    public Map<String, String> attributesOf(berth.sqs.core.Queue queue) {
        return attributes.all(queue);
    }

    public String urlOf(berth.sqs.core.Queue queue) {
        return queues.url(queue);
    }

    /** Forgets what the API keeps in memory (recently deleted names, purges): berth's reset. */
    public void forget() {
        queues.forget();
    }
}
