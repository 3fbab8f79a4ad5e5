package berth.sqs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyParser;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.Queue;
import berth.sqs.core.QueueNames;
import berth.sqs.core.QueueRefusal;
import berth.sqs.core.QueueSettings;
import berth.sqs.core.QueueState;
import berth.sqs.core.RedrivePolicy;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;

/** GetQueueAttributes and SetQueueAttributes, and the checks every attribute change passes. */
final class QueueAttributesApi {
    private static final Set<String> READABLE = Set.of("Policy", "VisibilityTimeout", "MaximumMessageSize",
            "MessageRetentionPeriod", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
            "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds",
            "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "DeduplicationScope", "FifoThroughputLimit", "RedriveAllowPolicy",
            "SqsManagedSseEnabled");

    private final QueueRecords records;
    private final QueueAccess access;
    private final MessageBook book;
    private final Clock clock;

    QueueAttributesApi(QueueRecords records, QueueAccess access, MessageBook book, Clock clock) {
        this.records = records;
        this.access = access;
        this.book = book;
        this.clock = clock;
    }

    /** {@code base} with {@code attributes} applied, every value and the dead-letter target checked. */
    QueueSettings checked(QueueSettings base, Map<String, String> attributes, boolean creating, Scope scope, String name) {
        for (String attribute : attributes.keySet()) {
            if (QueueSettings.READ_ONLY.contains(attribute)) {
                throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute " + attribute + ".");
            }
        }
        QueueSettings settings;
        try {
            settings = base.with(attributes, creating);
        } catch (QueueRefusal refusal) {
            throw SqsErrors.of(refusal);
        }
        if (!settings.policy().isEmpty() && !settings.policy().equals(base.policy())) {
            try {
                PolicyParser.parse(settings.policy(), PolicyParser.Kind.RESOURCE);
            } catch (MalformedPolicyException e) {
                throw SqsErrors.INVALID_ATTRIBUTE_VALUE.exception("Invalid value for the parameter Policy.");
            }
        }
        if (!settings.redrivePolicy().isEmpty() && !settings.redrivePolicy().equals(base.redrivePolicy())) {
            checkDeadLetterTarget(RedrivePolicy.parse(settings.redrivePolicy()), settings, scope, name);
        }
        return settings;
    }

    private void checkDeadLetterTarget(RedrivePolicy policy, QueueSettings settings, Scope scope, String name) {
        String reason = null;
        var ref = QueueNames.fromArn(policy.deadLetterTargetArn());
        if (ref.isEmpty()) {
            reason = "Invalid value for deadLetterTargetArn.";
        } else if (!ref.get().scope().equals(scope)) {
            reason = "Dead-letter target owner should be same as the source.";
        } else {
            var target = records.find(ref.get().scope(), ref.get().name());
            if (target.isEmpty()) {
                reason = "Dead letter target does not exist.";
            } else if (target.get().value().fifo() != settings.fifoQueue()) {
                reason = "Dead-letter queue must be same type of queue as the source.";
            } else if (!target.get().value().settings().allowPolicy().allows(scope.arn("sqs", name))) {
                reason = "Queue " + scope.arn("sqs", name) + " is not allowed to use " + policy.deadLetterTargetArn()
                        + " as a dead-letter queue by its RedriveAllowPolicy.";
            }
        }
        if (reason != null) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Value " + policy.json() + " for parameter RedrivePolicy is"
                    + " invalid. Reason: " + reason);
        }
    }

    GetQueueAttributesResponse get(GetQueueAttributesRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        List<String> names = request.attributeNamesAsStrings();
        for (String name : names) {
            if (!name.equals("All") && !READABLE.contains(name)) {
                throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute " + name + ".");
            }
        }
        Map<String, String> all = all(queue);
        Map<String, String> chosen = new LinkedHashMap<>();
        boolean everything = names.contains("All");
        all.forEach((name, value) -> {
            if (everything || names.contains(name)) chosen.put(name, value);
        });
        return GetQueueAttributesResponse.builder().attributesWithStrings(chosen).build();
    }

    /** Every attribute of a queue, counts included. */
    Map<String, String> all(Queue queue) {
        QueueState.Counts counts = book.counts(queue.storageId());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("QueueArn", queue.arn());
        out.put("ApproximateNumberOfMessages", String.valueOf(counts.visible()));
        out.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(counts.inFlight()));
        out.put("ApproximateNumberOfMessagesDelayed", String.valueOf(counts.delayed()));
        out.put("CreatedTimestamp", String.valueOf(queue.createdAt().getEpochSecond()));
        out.put("LastModifiedTimestamp", String.valueOf(queue.modifiedAt().getEpochSecond()));
        out.putAll(queue.settings().attributes());
        return out;
    }

    SetQueueAttributesResponse set(SetQueueAttributesRequest request, RequestContext ctx) {
        Versioned<Queue> found = access.byUrl(request.queueUrl(), ctx);
        Map<String, String> given = request.attributesAsStrings();
        for (int attempt = 0; ; attempt++) {
            Queue queue = found.value();
            QueueSettings changed = checked(queue.settings(), given, false, queue.scope(), queue.name());
            try {
                records.save(queue.withSettings(changed, clock.instant()), found.version());
                return SetQueueAttributesResponse.builder().build();
            } catch (VersionConflict raced) {
                if (attempt > 10) throw raced;
                found = records.find(queue.scope(), queue.name()).orElseThrow(SqsErrors::noSuchQueue);
            }
        }
    }
}
