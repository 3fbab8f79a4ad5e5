package berth.sqs.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * What was sent: a message as it stays while it is in a queue. A dead-letter move keeps it whole
 * (id, body, attributes, sent time) and names the queue it came from.
 *
 * @param traceHeader the {@code AWSTraceHeader} system attribute; empty when not sent
 * @param groupId the message group (FIFO queues, and fair standard queues); empty when none
 * @param deduplicationId the deduplication id used (given, or the body's SHA-256); empty for standard queues
 * @param sequence the queue's sequence number for this message, increasing in send order
 * @param deadLetterSourceArn the queue a dead-letter move took it from; empty when never moved
 */
public record Message(String id, String body, Map<String, MessageAttribute> attributes, String traceHeader,
                      String senderId, long sentAtMillis, String groupId, String deduplicationId, long sequence,
                      String deadLetterSourceArn) {
    public Message {
        attributes = Map.copyOf(new TreeMap<>(attributes));
    }

    public String md5OfBody() {
        return Messages.md5OfBody(body);
    }

    /** The MD5 of the message attributes, computed as AWS does; empty when there are none. */
    public String md5OfAttributes() {
        return attributes.isEmpty() ? "" : Messages.md5OfAttributes(attributes);
    }

    /** The MD5 of the system attributes (only {@code AWSTraceHeader}); empty when there are none. */
    public String md5OfSystemAttributes() {
        return traceHeader.isEmpty() ? "" : Messages.md5OfAttributes(Map.of("AWSTraceHeader",
                new MessageAttribute("String", traceHeader, new byte[0])));
    }

    /** The same message in another queue: moved there with its sequence in that queue. */
    public Message movedTo(long newSequence, String sourceArn) {
        return new Message(id, body, attributes, traceHeader, senderId, sentAtMillis, groupId, deduplicationId, newSequence,
                sourceArn);
    }

    /** This message with the sequence number its queue gives it. */
    public Message withSequence(long newSequence) {
        return new Message(id, body, attributes, traceHeader, senderId, sentAtMillis, groupId, deduplicationId, newSequence,
                deadLetterSourceArn);
    }

    /** The SequenceNumber attribute of a FIFO message: 20 digits. */
    public String sequenceNumber() {
        return String.format("%020d", sequence);
    }
}
