package berth.sqs.api;

import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.MoveTask;
import berth.sqs.core.Queue;
import berth.sqs.core.RedrivePolicy;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import berth.store.Store;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.CancelMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.CancelMessageMoveTaskResponse;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksRequest;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResponse;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskResponse;

/**
 * StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask. A task is a record in the
 * store that the move loop works off; its handle is the source ARN and the task id.
 */
final class MoveTaskApi {
    private final QueueRecords records;
    private final QueueAccess access;
    private final MessageBook book;
    private final Clock clock;
    private final Runnable wakeMover;

    MoveTaskApi(QueueRecords records, QueueAccess access, MessageBook book, Clock clock, Runnable wakeMover) {
        this.records = records;
        this.access = access;
        this.book = book;
        this.clock = clock;
        this.wakeMover = wakeMover;
    }

    StartMessageMoveTaskResponse start(StartMessageMoveTaskRequest request, RequestContext ctx) {
        Queue source = access.byArn(request.sourceArn()).filter(q -> q.scope().equals(ctx.scope()))
                .orElseThrow(() -> SqsErrors.RESOURCE_NOT_FOUND.exception("The resource that you specified for the"
                        + " SourceArn parameter doesn't exist."));
        boolean isDeadLetterQueue = records.list(source.scope()).stream().anyMatch(q -> !q.settings().redrivePolicy().isEmpty()
                && RedrivePolicy.parse(q.settings().redrivePolicy()).deadLetterTargetArn().equals(source.arn()));
        if (!isDeadLetterQueue) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Source queue must be configured as a Dead Letter Queue.");
        }
        String destination = request.destinationArn() == null ? "" : request.destinationArn();
        if (!destination.isEmpty() && access.byArn(destination).filter(q -> q.scope().equals(ctx.scope())).isEmpty()) {
            throw SqsErrors.RESOURCE_NOT_FOUND.exception("The resource that you specified for the DestinationArn parameter"
                    + " doesn't exist.");
        }
        int rate = request.maxNumberOfMessagesPerSecond() == null ? 0 : request.maxNumberOfMessagesPerSecond();
        if (request.maxNumberOfMessagesPerSecond() != null && (rate < 1 || rate > 500)) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Value " + rate + " for parameter MaxNumberOfMessagesPerSecond"
                    + " is invalid. Reason: Must be between 1 and 500.");
        }
        if (records.tasks(ctx.scope()).stream().anyMatch(t -> t.sourceArn().equals(source.arn()) && t.running())) {
            throw SqsErrors.UNSUPPORTED_OPERATION.exception("There is already a task running. Only one active task is"
                    + " allowed for a source queue arn at a given time.");
        }
        long toMove = book.counts(source.storageId()).visible();
        MoveTask task = new MoveTask(ctx.accountId(), ctx.region(), UUID.randomUUID().toString(), source.arn(), destination,
                rate, MoveTask.RUNNING, 0, toMove, clock.millis(), "");
        records.saveTask(task, Store.ABSENT);
        wakeMover.run();
        return StartMessageMoveTaskResponse.builder().taskHandle(handle(task)).build();
    }

    ListMessageMoveTasksResponse list(ListMessageMoveTasksRequest request, RequestContext ctx) {
        Queue source = access.byArn(request.sourceArn()).filter(q -> q.scope().equals(ctx.scope()))
                .orElseThrow(() -> SqsErrors.RESOURCE_NOT_FOUND.exception("The resource that you specified for the"
                        + " SourceArn parameter doesn't exist."));
        int max = MessageApi.bounded("MaxResults", request.maxResults(), 1, 1, 10);
        List<ListMessageMoveTasksResultEntry> entries = records.tasks(ctx.scope()).stream()
                .filter(t -> t.sourceArn().equals(source.arn()))
                .sorted(Comparator.comparingLong(MoveTask::startedAtMillis).reversed()).limit(max)
                .map(MoveTaskApi::entry).toList();
        return ListMessageMoveTasksResponse.builder().results(entries).build();
    }

    CancelMessageMoveTaskResponse cancel(CancelMessageMoveTaskRequest request, RequestContext ctx) {
        String handle = request.taskHandle() == null ? "" : request.taskHandle();
        Versioned<MoveTask> found = records.allTasks().stream()
                .filter(t -> t.value().scope().equals(ctx.scope()) && handle(t.value()).equals(handle)).findFirst()
                .orElseThrow(() -> SqsErrors.RESOURCE_NOT_FOUND.exception("Task does not exist."));
        if (!found.value().running()) {
            throw SqsErrors.UNSUPPORTED_OPERATION.exception("Only active tasks can be cancelled.");
        }
        MoveTask cancelled = found.value().ended(MoveTask.CANCELLED, "");
        records.saveTask(cancelled, found.version());
        return CancelMessageMoveTaskResponse.builder().approximateNumberOfMessagesMoved(cancelled.moved()).build();
    }

    /** A task's handle: base64 of its id and source ARN, as SQS's handles carry both. */
    static String handle(MoveTask task) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((task.handle() + "|" + task.sourceArn()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ListMessageMoveTasksResultEntry entry(MoveTask task) {
        ListMessageMoveTasksResultEntry.Builder entry = ListMessageMoveTasksResultEntry.builder().status(task.status())
                .sourceArn(task.sourceArn()).approximateNumberOfMessagesMoved(task.moved())
                .approximateNumberOfMessagesToMove(task.toMove()).startedTimestamp(task.startedAtMillis());
        if (task.running()) entry.taskHandle(handle(task));
        if (!task.destinationArn().isEmpty()) entry.destinationArn(task.destinationArn());
        if (task.maxPerSecond() > 0) entry.maxNumberOfMessagesPerSecond(task.maxPerSecond());
        if (!task.failureReason().isEmpty()) entry.failureReason(task.failureReason());
        return entry.build();
    }
}
