package berth.sqs.api;

import berth.sqs.core.Message;
import berth.sqs.core.MessageAttribute;
import berth.sqs.core.QueueState;
import berth.sqs.core.Receipt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/** Message attributes between the SDK's types and the core's, and a delivered message as ReceiveMessage answers it. */
final class MessageMapping {
    private MessageMapping() {}

    static Map<String, MessageAttribute> attributes(Map<String, MessageAttributeValue> given) {
        Map<String, MessageAttribute> out = new TreeMap<>();
        given.forEach((name, value) -> {
            if (!value.stringListValues().isEmpty() || !value.binaryListValues().isEmpty()) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Message attribute list values in SendMessage operation"
                        + " are not supported.");
            }
            String type = value.dataType() == null ? "" : value.dataType();
            byte[] binary = value.binaryValue() == null ? new byte[0] : value.binaryValue().asByteArray();
            out.put(name, new MessageAttribute(type, value.stringValue() == null ? "" : value.stringValue(), binary));
        });
        return out;
    }

    /** The {@code AWSTraceHeader} system attribute, the only one a sender may set; empty when not given. */
    static String traceHeader(Map<String, MessageSystemAttributeValue> given) {
        for (Map.Entry<String, MessageSystemAttributeValue> entry : given.entrySet()) {
            if (!entry.getKey().equals("AWSTraceHeader")) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Message system attribute name '" + entry.getKey()
                        + "' is invalid.");
            }
            MessageSystemAttributeValue value = entry.getValue();
            if (!"String".equals(value.dataType()) || value.stringValue() == null || value.stringValue().isEmpty()) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Message system attribute 'AWSTraceHeader' must be a"
                        + " non-empty String.");
            }
            return value.stringValue();
        }
        return "";
    }

    static MessageAttributeValue sdk(MessageAttribute attribute) {
        MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.dataType());
        return attribute.binary() ? value.binaryValue(SdkBytes.fromByteArray(attribute.binaryValue())).build()
                : value.stringValue(attribute.stringValue()).build();
    }

    /** A delivery as ReceiveMessage returns it, with the system and message attributes asked for. */
    static software.amazon.awssdk.services.sqs.model.Message delivered(QueueState.Delivery delivery, String storageId,
                                                                       List<String> systemNames, List<String> attributeNames,
                                                                       boolean fifo) {
        Message message = delivery.message();
        software.amazon.awssdk.services.sqs.model.Message.Builder out = software.amazon.awssdk.services.sqs.model.Message.builder()
                .messageId(message.id())
                .receiptHandle(new Receipt(storageId, message.id(), delivery.receipt()).handle())
                .md5OfBody(message.md5OfBody())
                .body(message.body());
        Map<String, String> system = systemAttributes(delivery, systemNames, fifo);
        if (!system.isEmpty()) out.attributesWithStrings(system);
        Map<String, MessageAttribute> chosen = new TreeMap<>();
        message.attributes().forEach((name, value) -> {
            if (wanted(name, attributeNames)) chosen.put(name, value);
        });
        if (!chosen.isEmpty()) {
            Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
            chosen.forEach((name, value) -> values.put(name, sdk(value)));
            out.messageAttributes(values).md5OfMessageAttributes(berth.sqs.core.Messages.md5OfAttributes(chosen));
        }
        return out.build();
    }

    private static boolean wanted(String name, List<String> requested) {
        for (String pattern : requested) {
            if (pattern.equals("All") || pattern.equals(".*") || pattern.equals(name)) return true;
            if (pattern.endsWith(".*") && name.startsWith(pattern.substring(0, pattern.length() - 1))) return true;
        }
        return false;
    }

    private static Map<String, String> systemAttributes(QueueState.Delivery delivery, List<String> names, boolean fifo) {
        boolean all = names.contains("All");
        Message message = delivery.message();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SenderId", message.senderId());
        values.put("SentTimestamp", String.valueOf(message.sentAtMillis()));
        values.put("ApproximateReceiveCount", String.valueOf(delivery.receiveCount()));
        values.put("ApproximateFirstReceiveTimestamp", String.valueOf(delivery.firstReceiveAt()));
        if (fifo) {
            values.put("SequenceNumber", message.sequenceNumber());
            values.put("MessageDeduplicationId", message.deduplicationId());
        }
        if (!message.groupId().isEmpty()) values.put("MessageGroupId", message.groupId());
        if (!message.traceHeader().isEmpty()) values.put("AWSTraceHeader", message.traceHeader());
        if (!message.deadLetterSourceArn().isEmpty()) values.put("DeadLetterQueueSourceArn", message.deadLetterSourceArn());
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (all || names.contains(name)) out.put(name, value);
        });
        return out;
    }
}
