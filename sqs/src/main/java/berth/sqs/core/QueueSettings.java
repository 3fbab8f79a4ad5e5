package berth.sqs.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A queue's settable attributes, with AWS's defaults and ranges. Strings are empty when unset.
 *
 * @param redrivePolicy the RedrivePolicy JSON as stored; empty when the queue has no dead-letter queue
 * @param redriveAllowPolicy the RedriveAllowPolicy JSON as stored; empty means {@code allowAll}
 */
public record QueueSettings(int delaySeconds, int maximumMessageSize, int messageRetentionPeriod,
                            int receiveMessageWaitTimeSeconds, int visibilityTimeout, String policy,
                            String redrivePolicy, String redriveAllowPolicy, boolean fifoQueue,
                            boolean contentBasedDeduplication, String deduplicationScope, String fifoThroughputLimit,
                            boolean sqsManagedSseEnabled, int kmsDataKeyReusePeriodSeconds) {

    /** Attributes only SQS sets; naming one in Create/SetQueueAttributes is refused. */
    public static final Set<String> READ_ONLY = Set.of("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn");

    public static QueueSettings defaults(boolean fifo) {
        return new QueueSettings(0, 1_048_576, 345_600, 0, 30, "", "", "", fifo, false, fifo ? "queue" : "",
                fifo ? "perQueue" : "", true, 300);
    }

    public RedriveAllowPolicy allowPolicy() {
        return redriveAllowPolicy.isEmpty() ? RedriveAllowPolicy.ALLOW_ALL : RedriveAllowPolicy.parse(redriveAllowPolicy);
    }

    /**
     * These settings with {@code attributes} applied, each checked as AWS checks it. The redrive
     * policy's target is checked by the caller (it needs the other queue).
     *
     * @param creating whether this is CreateQueue, where {@code FifoQueue} may be given
     */
    public QueueSettings with(Map<String, String> attributes, boolean creating) {
        QueueSettings s = this;
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue();
            s = switch (name) {
                case "DelaySeconds" -> s.withInts(range(name, value, 0, 900), -1, -1, -1, -1);
                case "MaximumMessageSize" -> s.withInts(-1, range(name, value, 1024, 1_048_576), -1, -1, -1);
                case "MessageRetentionPeriod" -> s.withInts(-1, -1, range(name, value, 60, 1_209_600), -1, -1);
                case "ReceiveMessageWaitTimeSeconds" -> s.withInts(-1, -1, -1, range(name, value, 0, 20), -1);
                case "VisibilityTimeout" -> s.withInts(-1, -1, -1, -1, range(name, value, 0, 43_200));
                case "Policy" -> s.withText(name, value);
                case "RedrivePolicy" -> {
                    if (!value.isEmpty()) RedrivePolicy.parse(value);
                    yield s.withText(name, value.isEmpty() ? "" : RedrivePolicy.parse(value).json());
                }
                case "RedriveAllowPolicy" -> s.withText(name, value.isEmpty() ? "" : RedriveAllowPolicy.parse(value).json());
                case "FifoQueue" -> {
                    boolean fifo = bool(name, value);
                    if (!creating) {
                        throw QueueRefusal.invalidAttributeValue("Invalid value for the parameter FifoQueue. Reason:"
                                + " Modifying queue type is not supported.");
                    }
                    if (fifo != fifoQueue) {
                        throw QueueRefusal.invalidParameterValue(fifo
                                ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
                                        + " underscores, must end with .fifo suffix and be 1 to 80 in length."
                                : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
                    }
                    yield s;
                }
                case "ContentBasedDeduplication" -> s.fifoOnly(name).withFlags(bool(name, value), s.sqsManagedSseEnabled);
                case "DeduplicationScope" -> s.fifoOnly(name).withText(name, oneOf(name, value, "messageGroup", "queue"));
                case "FifoThroughputLimit" -> s.fifoOnly(name).withText(name, oneOf(name, value, "perQueue", "perMessageGroupId"));
                case "SqsManagedSseEnabled" -> s.withFlags(s.contentBasedDeduplication, bool(name, value));
                case "KmsDataKeyReusePeriodSeconds" -> s.withKmsPeriod(range(name, value, 60, 86_400));
                case "KmsMasterKeyId" -> throw QueueRefusal.invalidAttributeValue("Invalid value for the parameter"
                        + " KmsMasterKeyId. Reason: berth has no KMS; use SqsManagedSseEnabled.");
                default -> throw new QueueRefusal("InvalidAttributeName", "Unknown Attribute " + name + ".");
            };
        }
        if (s.fifoQueue && s.fifoThroughputLimit.equals("perMessageGroupId") && !s.deduplicationScope.equals("messageGroup")) {
            throw QueueRefusal.invalidAttributeValue("Invalid value for the parameter FifoThroughputLimit. Reason:"
                    + " The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.");
        }
        return s;
    }

    /** The settable attributes as GetQueueAttributes answers them (the counts and times are added by the caller). */
    public Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("VisibilityTimeout", String.valueOf(visibilityTimeout));
        out.put("MaximumMessageSize", String.valueOf(maximumMessageSize));
        out.put("MessageRetentionPeriod", String.valueOf(messageRetentionPeriod));
        out.put("DelaySeconds", String.valueOf(delaySeconds));
        out.put("ReceiveMessageWaitTimeSeconds", String.valueOf(receiveMessageWaitTimeSeconds));
        if (!policy.isEmpty()) out.put("Policy", policy);
        if (!redrivePolicy.isEmpty()) out.put("RedrivePolicy", redrivePolicy);
        if (!redriveAllowPolicy.isEmpty()) out.put("RedriveAllowPolicy", redriveAllowPolicy);
        out.put("SqsManagedSseEnabled", String.valueOf(sqsManagedSseEnabled));
        if (fifoQueue) {
            out.put("FifoQueue", "true");
            out.put("ContentBasedDeduplication", String.valueOf(contentBasedDeduplication));
            out.put("DeduplicationScope", deduplicationScope);
            out.put("FifoThroughputLimit", fifoThroughputLimit);
        }
        return out;
    }

    private QueueSettings fifoOnly(String name) {
        if (!fifoQueue) {
            throw new QueueRefusal("InvalidAttributeName", "Unknown Attribute " + name + ".");
        }
        return this;
    }

    private QueueSettings withInts(int delay, int maxSize, int retention, int wait, int visibility) {
        return new QueueSettings(delay < 0 ? delaySeconds : delay, maxSize < 0 ? maximumMessageSize : maxSize,
                retention < 0 ? messageRetentionPeriod : retention, wait < 0 ? receiveMessageWaitTimeSeconds : wait,
                visibility < 0 ? visibilityTimeout : visibility, policy, redrivePolicy, redriveAllowPolicy, fifoQueue,
                contentBasedDeduplication, deduplicationScope, fifoThroughputLimit, sqsManagedSseEnabled,
                kmsDataKeyReusePeriodSeconds);
    }

    private QueueSettings withText(String name, String value) {
        return new QueueSettings(delaySeconds, maximumMessageSize, messageRetentionPeriod, receiveMessageWaitTimeSeconds,
                visibilityTimeout, name.equals("Policy") ? value : policy,
                name.equals("RedrivePolicy") ? value : redrivePolicy,
                name.equals("RedriveAllowPolicy") ? value : redriveAllowPolicy, fifoQueue, contentBasedDeduplication,
                name.equals("DeduplicationScope") ? value : deduplicationScope,
                name.equals("FifoThroughputLimit") ? value : fifoThroughputLimit, sqsManagedSseEnabled,
                kmsDataKeyReusePeriodSeconds);
    }

    private QueueSettings withFlags(boolean contentBased, boolean managedSse) {
        return new QueueSettings(delaySeconds, maximumMessageSize, messageRetentionPeriod, receiveMessageWaitTimeSeconds,
                visibilityTimeout, policy, redrivePolicy, redriveAllowPolicy, fifoQueue, contentBased, deduplicationScope,
                fifoThroughputLimit, managedSse, kmsDataKeyReusePeriodSeconds);
    }

    private QueueSettings withKmsPeriod(int seconds) {
        return new QueueSettings(delaySeconds, maximumMessageSize, messageRetentionPeriod, receiveMessageWaitTimeSeconds,
                visibilityTimeout, policy, redrivePolicy, redriveAllowPolicy, fifoQueue, contentBasedDeduplication,
                deduplicationScope, fifoThroughputLimit, sqsManagedSseEnabled, seconds);
    }

    private static int range(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) return parsed;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw QueueRefusal.invalidAttributeValue("Invalid value for the parameter " + name + ".");
    }

    private static boolean bool(String name, String value) {
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw QueueRefusal.invalidAttributeValue("Invalid value for the parameter " + name + ".");
    }

    private static String oneOf(String name, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) return value;
        }
        throw QueueRefusal.invalidAttributeValue("Invalid value for the parameter " + name + ".");
    }
}
