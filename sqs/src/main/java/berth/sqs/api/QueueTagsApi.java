package berth.sqs.api;

import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.Queue;
import berth.sqs.state.QueueRecords;
import berth.store.VersionConflict;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsRequest;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsResponse;
import software.amazon.awssdk.services.sqs.model.TagQueueRequest;
import software.amazon.awssdk.services.sqs.model.TagQueueResponse;
import software.amazon.awssdk.services.sqs.model.UntagQueueRequest;
import software.amazon.awssdk.services.sqs.model.UntagQueueResponse;

/** TagQueue, UntagQueue and ListQueueTags: up to 50 tags, keys up to 128 characters, values up to 256. */
final class QueueTagsApi {
    private final QueueRecords records;
    private final QueueAccess access;

    QueueTagsApi(QueueRecords records, QueueAccess access) {
        this.records = records;
        this.access = access;
    }

    static void checkTags(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || tag.getValue().length() > 256
                    || tag.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Tag " + tag.getKey() + " is invalid: keys are 1 to 128"
                        + " characters (not starting with aws:), values up to 256.");
            }
        }
        if (tags.size() > 50) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Too many tags added for queue. Maximum is 50.");
        }
    }

    TagQueueResponse tag(TagQueueRequest request, RequestContext ctx) {
        if (request.tags().isEmpty()) {
            throw SqsErrors.MISSING_PARAMETER.exception("The request must contain the parameter Tags.");
        }
        change(request.queueUrl(), ctx, tags -> tags.putAll(request.tags()));
        return TagQueueResponse.builder().build();
    }

    UntagQueueResponse untag(UntagQueueRequest request, RequestContext ctx) {
        List<String> keys = request.tagKeys();
        if (keys.isEmpty()) {
            throw SqsErrors.MISSING_PARAMETER.exception("The request must contain the parameter TagKeys.");
        }
        change(request.queueUrl(), ctx, tags -> keys.forEach(tags::remove));
        return UntagQueueResponse.builder().build();
    }

    ListQueueTagsResponse list(ListQueueTagsRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        return ListQueueTagsResponse.builder().tags(queue.tags()).build();
    }

    private void change(String queueUrl, RequestContext ctx, java.util.function.Consumer<Map<String, String>> edit) {
        Versioned<Queue> found = access.byUrl(queueUrl, ctx);
        for (int attempt = 0; ; attempt++) {
            Map<String, String> tags = new TreeMap<>(found.value().tags());
            edit.accept(tags);
            checkTags(tags);
            try {
                records.save(found.value().withTags(tags), found.version());
                return;
            } catch (VersionConflict raced) {
                if (attempt > 10) throw raced;
                Queue queue = found.value();
                found = records.find(queue.scope(), queue.name()).orElseThrow(SqsErrors::noSuchQueue);
            }
        }
    }
}
