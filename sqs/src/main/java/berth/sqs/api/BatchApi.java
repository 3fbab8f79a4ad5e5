package berth.sqs.api;

import berth.aws.AwsException;
import berth.aws.RequestContext;
import berth.sqs.core.Message;
import berth.sqs.core.Queue;
import berth.sqs.core.Receipt;
import berth.sqs.journal.MessageBook;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch: up to 10 entries with
 * distinct ids; an entry that fails is reported in {@code Failed} and the others go through, the whole
 * batch in one durable step.
 */
final class BatchApi {
    private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final QueueAccess access;
    private final MessageApi messages;
    private final MessageBook book;

    BatchApi(QueueAccess access, MessageApi messages, MessageBook book) {
        this.access = access;
        this.messages = messages;
        this.book = book;
    }

    SendMessageBatchResponse send(SendMessageBatchRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        List<SendMessageBatchRequestEntry> entries = request.entries();
        checkEntries(entries, SendMessageBatchRequestEntry::id, "SendMessageBatchRequestEntry");
        long total = entries.stream().mapToLong(e -> e.messageBody() == null ? 0 : berth.sqs.core.Messages.utf8Length(e.messageBody())).sum();
        if (total > queue.settings().maximumMessageSize()) {
            throw SqsErrors.BATCH_REQUEST_TOO_LONG.exception("Batch requests cannot be longer than "
                    + queue.settings().maximumMessageSize() + " bytes. You have sent " + total + " bytes.");
        }
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<MessageBook.Sending> sendings = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : entries) {
            try {
                sendings.add(messages.prepare(queue, entry.messageBody(), entry.messageAttributes(),
                        entry.messageSystemAttributesAsStrings(), entry.delaySeconds(), entry.messageGroupId(),
                        entry.messageDeduplicationId(), ctx));
                ids.add(entry.id());
            } catch (AwsException refused) {
                failed.add(error(entry.id(), refused));
            }
        }
        List<MessageBook.Sent> sent = sendings.isEmpty() ? List.of() : book.send(queue.storageId(), sendings);
        List<SendMessageBatchResultEntry> successful = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Message message = sendings.get(i).message();
            SendMessageBatchResultEntry.Builder result = SendMessageBatchResultEntry.builder().id(ids.get(i))
                    .messageId(sent.get(i).messageId()).md5OfMessageBody(message.md5OfBody());
            if (!message.attributes().isEmpty()) result.md5OfMessageAttributes(message.md5OfAttributes());
            if (!message.traceHeader().isEmpty()) result.md5OfMessageSystemAttributes(message.md5OfSystemAttributes());
            if (queue.fifo()) result.sequenceNumber(String.format("%020d", sent.get(i).sequence()));
            successful.add(result.build());
        }
        return SendMessageBatchResponse.builder().successful(successful).failed(failed).build();
    }

    DeleteMessageBatchResponse delete(DeleteMessageBatchRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        List<DeleteMessageBatchRequestEntry> entries = request.entries();
        checkEntries(entries, DeleteMessageBatchRequestEntry::id, "DeleteMessageBatchRequestEntry");
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        List<DeleteMessageBatchResultEntry> successful = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry entry : entries) {
            try {
                Receipt receipt = MessageApi.receipt(queue, entry.receiptHandle());
                messageIds.add(receipt.messageId());
                successful.add(DeleteMessageBatchResultEntry.builder().id(entry.id()).build());
            } catch (AwsException refused) {
                failed.add(error(entry.id(), refused));
            }
        }
        book.deleteAll(queue.storageId(), messageIds);
        return DeleteMessageBatchResponse.builder().successful(successful).failed(failed).build();
    }

    ChangeMessageVisibilityBatchResponse changeVisibility(ChangeMessageVisibilityBatchRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        List<ChangeMessageVisibilityBatchRequestEntry> entries = request.entries();
        checkEntries(entries, ChangeMessageVisibilityBatchRequestEntry::id, "ChangeMessageVisibilityBatchRequestEntry");
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        List<ChangeMessageVisibilityBatchResultEntry> successful = new ArrayList<>();
        for (ChangeMessageVisibilityBatchRequestEntry entry : entries) {
            try {
                messages.changeVisibility(queue, entry.receiptHandle(), entry.visibilityTimeout());
                successful.add(ChangeMessageVisibilityBatchResultEntry.builder().id(entry.id()).build());
            } catch (AwsException refused) {
                failed.add(error(entry.id(), refused));
            }
        }
        return ChangeMessageVisibilityBatchResponse.builder().successful(successful).failed(failed).build();
    }

    private static <E> void checkEntries(List<E> entries, Function<E, String> idOf, String entryName) {
        if (entries.isEmpty()) {
            throw SqsErrors.EMPTY_BATCH_REQUEST.exception("There should be at least one " + entryName + " in the request.");
        }
        if (entries.size() > 10) {
            throw SqsErrors.TOO_MANY_ENTRIES.exception("Maximum number of entries per request are 10. You have sent "
                    + entries.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (E entry : entries) {
            String id = idOf.apply(entry) == null ? "" : idOf.apply(entry);
            if (!ENTRY_ID.matcher(id).matches()) {
                throw SqsErrors.INVALID_BATCH_ENTRY_ID.exception("A batch entry id can only contain alphanumeric characters,"
                        + " hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!seen.add(id)) throw SqsErrors.BATCH_ENTRY_IDS_NOT_DISTINCT.exception("Id " + id + " repeated.");
        }
    }

    private static BatchResultErrorEntry error(String id, AwsException refused) {
        return BatchResultErrorEntry.builder().id(id).code(refused.queryCode()).message(refused.getMessage())
                .senderFault(refused.senderFault()).build();
    }
}
