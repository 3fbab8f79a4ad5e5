package berth.sqs.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A source queue's dead-letter queue: messages received {@code maxReceiveCount} times are moved to
 * {@code deadLetterTargetArn} on their next receive.
 */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the attribute's JSON ({@code maxReceiveCount} as a number or a string, as AWS accepts both). */
    public static RedrivePolicy parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid("Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.");
        }
        if (node == null || !node.isObject()) {
            throw invalid("Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.");
        }
        JsonNode arn = node.get("deadLetterTargetArn");
        JsonNode count = node.get("maxReceiveCount");
        if (arn == null || !arn.isTextual() || arn.asText().isEmpty()) {
            throw invalid("Value " + text + " for parameter RedrivePolicy is invalid. Reason: Redrive policy does not"
                    + " contain mandatory attribute: deadLetterTargetArn.");
        }
        if (count == null) {
            throw invalid("Value " + text + " for parameter RedrivePolicy is invalid. Reason: Redrive policy does not"
                    + " contain mandatory attribute: maxReceiveCount.");
        }
        int max;
        try {
            max = Integer.parseInt(count.asText().strip());
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > 1000) {
            throw invalid("Value " + text + " for parameter RedrivePolicy is invalid. Reason: Invalid value for"
                    + " maxReceiveCount: " + count.asText() + ", valid values are from 1 to 1000 both inclusive.");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("deadLetterTargetArn") && !name.equals("maxReceiveCount")) {
                throw invalid("Value " + text + " for parameter RedrivePolicy is invalid. Reason: Only following"
                        + " attributes are supported: [deadLetterTargetArn, maxReceiveCount].");
            }
        }
        return new RedrivePolicy(arn.asText(), max);
    }

    /** The attribute value, as GetQueueAttributes answers it. */
    public String json() {
        return "{\"deadLetterTargetArn\":\"" + deadLetterTargetArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }

    private static QueueRefusal invalid(String message) {
        return QueueRefusal.invalidParameterValue(message);
    }
}
