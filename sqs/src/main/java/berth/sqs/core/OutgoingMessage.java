package berth.sqs.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A message as a sender gives it, checked against the queue's rules before it is sent.
 *
 * @param delaySeconds the message's own delay; -1 when not given (the queue's applies)
 * @param groupId empty when not given
 * @param deduplicationId empty when not given
 */
public record OutgoingMessage(String body, Map<String, MessageAttribute> attributes, String traceHeader, int delaySeconds,
                              String groupId, String deduplicationId) {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern ID_TEXT = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\..{1,250})?");

    public OutgoingMessage {
        attributes = Map.copyOf(new TreeMap<>(attributes));
    }

    /** What checking decided: the delay that applies and the deduplication id (FIFO) that is used. */
    public record Checked(int delaySeconds, String deduplicationId) {}

    /** Checks the message against {@code settings} as SQS does; throws {@link QueueRefusal}. */
    public Checked check(QueueSettings settings) {
        if (body.isEmpty()) throw new QueueRefusal("MissingParameter", "The request must contain the parameter MessageBody.");
        if (!Messages.allowedText(body)) {
            throw new QueueRefusal("InvalidMessageContents", "Invalid binary character in message body.");
        }
        int size = Messages.utf8Length(body);
        if (attributes.size() > 10) {
            throw QueueRefusal.invalidParameterValue("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [10].");
        }
        for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
            checkAttribute(entry.getKey(), entry.getValue());
            size += Messages.utf8Length(entry.getKey()) + entry.getValue().size();
        }
        if (size > settings.maximumMessageSize()) {
            throw QueueRefusal.invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter"
                    + " than " + settings.maximumMessageSize() + " bytes.");
        }
        if (delaySeconds != -1 && (delaySeconds < 0 || delaySeconds > 900)) {
            throw QueueRefusal.invalidParameterValue("Value " + delaySeconds + " for parameter DelaySeconds is invalid."
                    + " Reason: DelaySeconds must be >= 0 and <= 900.");
        }
        if (!settings.fifoQueue()) {
            if (!deduplicationId.isEmpty()) {
                throw QueueRefusal.invalidParameterValue("The request include parameter that is not valid for this queue"
                        + " type. Reason: MessageDeduplicationId is only valid for FIFO queues.");
            }
            checkIdText("MessageGroupId", groupId);
            return new Checked(delaySeconds == -1 ? settings.delaySeconds() : delaySeconds, "");
        }
        if (delaySeconds != -1 && delaySeconds != 0) {
            throw QueueRefusal.invalidParameterValue("Value " + delaySeconds + " for parameter DelaySeconds is invalid."
                    + " Reason: The request include parameter that is not valid for this queue type.");
        }
        if (groupId.isEmpty()) throw new QueueRefusal("MissingParameter", "The request must contain the parameter MessageGroupId.");
        checkIdText("MessageGroupId", groupId);
        String dedup = deduplicationId;
        if (dedup.isEmpty()) {
            if (!settings.contentBasedDeduplication()) {
                throw QueueRefusal.invalidParameterValue("The queue should either have ContentBasedDeduplication enabled"
                        + " or MessageDeduplicationId provided explicitly");
            }
            dedup = Messages.sha256Hex(body);
        }
        checkIdText("MessageDeduplicationId", dedup);
        return new Checked(settings.delaySeconds(), dedup);
    }

    /** The key a FIFO deduplication id is remembered under, per queue or per message group. */
    public static String dedupKey(QueueSettings settings, String groupId, String deduplicationId) {
        return settings.deduplicationScope().equals("messageGroup") ? groupId + "\u0000" + deduplicationId : deduplicationId;
    }

    private static void checkIdText(String parameter, String value) {
        if (!value.isEmpty() && !ID_TEXT.matcher(value).matches()) {
            throw QueueRefusal.invalidParameterValue("Value " + value + " for parameter " + parameter + " is invalid."
                    + " Reason: " + parameter + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
    }

    static void checkAttribute(String name, MessageAttribute value) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw QueueRefusal.invalidParameterValue("Message (user) attribute '" + name + "' has an invalid name.");
        }
        if (value.dataType().isEmpty()) {
            throw QueueRefusal.invalidParameterValue("The message attribute '" + name + "' must contain non-empty message"
                    + " attribute type.");
        }
        if (!DATA_TYPE.matcher(value.dataType()).matches()) {
            throw QueueRefusal.invalidParameterValue("The type of message (user) attribute '" + name + "' is invalid. You"
                    + " must use only the following supported type prefixes: Binary, Number, String.");
        }
        if (value.binary()) {
            if (value.binaryValue().length == 0) {
                throw QueueRefusal.invalidParameterValue("The message attribute '" + name + "' with type 'Binary' must use"
                        + " field 'Binary'.");
            }
            return;
        }
        if (value.stringValue().isEmpty()) {
            throw QueueRefusal.invalidParameterValue("The message attribute '" + name + "' must contain non-empty message"
                    + " attribute value for message attribute type '" + value.dataType() + "'.");
        }
        if (!Messages.allowedText(value.stringValue())) {
            throw new QueueRefusal("InvalidMessageContents", "Invalid binary character in message attribute '" + name + "'.");
        }
        if (value.dataType().startsWith("Number")) {
            try {
                new java.math.BigDecimal(value.stringValue().strip());
            } catch (NumberFormatException e) {
                throw QueueRefusal.invalidParameterValue("Can't cast the value of message (user) attribute '" + name
                        + "' to a number.");
            }
        }
    }
}
