package berth.sqs.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which source queues may name this queue as their dead-letter queue: all ({@code allowAll}, the
 * default), none ({@code denyAll}), or those listed ({@code byQueue}, up to 10 ARNs).
 */
public record RedriveAllowPolicy(String redrivePermission, List<String> sourceQueueArns) {
    public static final RedriveAllowPolicy ALLOW_ALL = new RedriveAllowPolicy("allowAll", List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    public RedriveAllowPolicy {
        sourceQueueArns = List.copyOf(sourceQueueArns);
    }

    public static RedriveAllowPolicy parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("redrivePermission").isTextual()) {
            throw invalid(text, "Redrive allow policy is not a valid JSON map with a redrivePermission.");
        }
        String permission = node.get("redrivePermission").asText();
        List<String> sources = new ArrayList<>();
        node.path("sourceQueueArns").forEach(arn -> sources.add(arn.asText()));
        switch (permission) {
            case "allowAll", "denyAll" -> {
                if (!sources.isEmpty()) {
                    throw invalid(text, "sourceQueueArns may be given only when redrivePermission is byQueue.");
                }
            }
            case "byQueue" -> {
                if (sources.isEmpty() || sources.size() > 10) {
                    throw invalid(text, "byQueue requires between 1 and 10 sourceQueueArns.");
                }
                for (String arn : sources) {
                    if (QueueNames.fromArn(arn).isEmpty()) throw invalid(text, "Invalid source queue ARN " + arn + ".");
                }
            }
            default -> throw invalid(text, "redrivePermission must be one of allowAll, denyAll, byQueue.");
        }
        return new RedriveAllowPolicy(permission, sources);
    }

    public boolean allows(String sourceQueueArn) {
        return switch (redrivePermission) {
            case "allowAll" -> true;
            case "byQueue" -> sourceQueueArns.contains(sourceQueueArn);
            default -> false;
        };
    }

    public String json() {
        StringBuilder out = new StringBuilder("{\"redrivePermission\":\"").append(redrivePermission).append('"');
        if (!sourceQueueArns.isEmpty()) {
            out.append(",\"sourceQueueArns\":[");
            for (int i = 0; i < sourceQueueArns.size(); i++) {
                out.append(i == 0 ? "" : ",").append('"').append(sourceQueueArns.get(i)).append('"');
            }
            out.append(']');
        }
        return out.append('}').toString();
    }

    private static QueueRefusal invalid(String text, String reason) {
        return QueueRefusal.invalidParameterValue("Value " + text + " for parameter RedriveAllowPolicy is invalid. Reason: " + reason);
    }
}
