package berth.sqs.api;

import berth.aws.AwsException;
import berth.aws.ErrorCode;
import java.util.Arrays;

/**
 * The error codes SQS answers with: the code of its JSON wire, the code its Query wire gives (which
 * JSON answers carry in {@code x-amzn-query-error}, as SQS does), and the status.
 */
enum SqsErrors implements ErrorCode {
    ACCESS_DENIED("AccessDeniedException", "AccessDenied", 403),
    BATCH_ENTRY_IDS_NOT_DISTINCT("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
    BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400),
    EMPTY_BATCH_REQUEST("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400),
    INVALID_ATTRIBUTE_NAME("InvalidAttributeName", "InvalidAttributeName", 400),
    INVALID_ATTRIBUTE_VALUE("InvalidAttributeValue", "InvalidAttributeValue", 400),
    INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400),
    INVALID_MESSAGE_CONTENTS("InvalidMessageContents", "InvalidMessageContents", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", "InvalidParameterValue", 400),
    MESSAGE_NOT_INFLIGHT("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400),
    MISSING_PARAMETER("MissingParameter", "MissingParameter", 400),
    OVER_LIMIT("OverLimit", "OverLimit", 403),
    PURGE_QUEUE_IN_PROGRESS("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403),
    QUEUE_DELETED_RECENTLY("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400),
    QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400),
    QUEUE_NAME_EXISTS("QueueNameExists", "QueueAlreadyExists", 400),
    RECEIPT_HANDLE_IS_INVALID("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", "ResourceNotFoundException", 400),
    TOO_MANY_ENTRIES("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400);

    private final String code;
    private final String queryCode;
    private final int status;

    SqsErrors(String code, String queryCode, int status) {
        this.code = code;
        this.queryCode = queryCode;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String queryCode() {
        return queryCode;
    }

    @Override
    public int status() {
        return status;
    }

    /** The catalog's entry for a code a core rule decided ({@code InvalidAttributeValue}, …). */
    static SqsErrors byCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SQS error code " + code));
    }

    static AwsException noSuchQueue() {
        return QUEUE_DOES_NOT_EXIST.exception("The specified queue does not exist.");
    }

    static AwsException of(berth.sqs.core.QueueRefusal refusal) {
        return byCode(refusal.code()).exception(refusal.getMessage());
    }
}
