package berth.sqs.api;

import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.Queue;
import berth.sqs.state.QueueRecords;
import berth.store.VersionConflict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.AddPermissionRequest;
import software.amazon.awssdk.services.sqs.model.AddPermissionResponse;
import software.amazon.awssdk.services.sqs.model.RemovePermissionRequest;
import software.amazon.awssdk.services.sqs.model.RemovePermissionResponse;

/**
 * AddPermission and RemovePermission: a statement of the queue's policy per label, allowing the
 * named accounts the named actions on the queue, which queue access then evaluates.
 */
final class PermissionApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("*", "SendMessage", "ReceiveMessage", "DeleteMessage",
            "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue",
            "ListQueueTags");

    private final QueueRecords records;
    private final QueueAccess access;
    private final Clock clock;

    PermissionApi(QueueRecords records, QueueAccess access, Clock clock) {
        this.records = records;
        this.access = access;
        this.clock = clock;
    }

    AddPermissionResponse add(AddPermissionRequest request, RequestContext ctx) {
        if (!request.label().matches("[A-Za-z0-9_-]{1,80}")) {
            throw invalidLabel(request.label(), "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        for (String action : request.actions()) {
            if (!ACTIONS.contains(action)) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Value SQS:" + action + " for parameter ActionName is invalid."
                        + " Reason: Please refer to the appropriate WSDL for a list of valid actions.");
            }
        }
        for (String account : request.awsAccountIds()) {
            if (!account.matches("\\d{12}")) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Value " + account + " for parameter PrincipalId is invalid."
                        + " Reason: Unable to verify.");
            }
        }
        change(request.queueUrl(), ctx, (queue, policy) -> {
            ArrayNode statements = policy.withArray("Statement");
            for (JsonNode statement : statements) {
                if (statement.path("Sid").asText().equals(request.label())) throw invalidLabel(request.label(), "Already exists.");
            }
            ObjectNode statement = statements.addObject();
            statement.put("Sid", request.label()).put("Effect", "Allow");
            ArrayNode principals = statement.putObject("Principal").putArray("AWS");
            request.awsAccountIds().forEach(a -> principals.add("arn:aws:iam::" + a + ":root"));
            ArrayNode actions = statement.putArray("Action");
            request.actions().forEach(a -> actions.add("SQS:" + a));
            statement.put("Resource", queue.arn());
        });
        return AddPermissionResponse.builder().build();
    }

    RemovePermissionResponse remove(RemovePermissionRequest request, RequestContext ctx) {
        change(request.queueUrl(), ctx, (queue, policy) -> {
            ArrayNode statements = policy.withArray("Statement");
            for (int i = 0; i < statements.size(); i++) {
                if (statements.get(i).path("Sid").asText().equals(request.label())) {
                    statements.remove(i);
                    return;
                }
            }
            throw invalidLabel(request.label(), "can't find label.");
        });
        return RemovePermissionResponse.builder().build();
    }

    private void change(String queueUrl, RequestContext ctx, java.util.function.BiConsumer<Queue, ObjectNode> edit) {
        Versioned<Queue> found = access.byUrl(queueUrl, ctx);
        for (int attempt = 0; ; attempt++) {
            Queue queue = found.value();
            ObjectNode policy = parse(queue);
            edit.accept(queue, policy);
            String text = policy.withArray("Statement").isEmpty() ? "" : policy.toString();
            try {
                records.save(queue.withSettings(queue.settings().with(java.util.Map.of("Policy", text), false), clock.instant()),
                        found.version());
                return;
            } catch (VersionConflict raced) {
                if (attempt > 10) throw raced;
                found = records.find(queue.scope(), queue.name()).orElseThrow(SqsErrors::noSuchQueue);
            }
        }
    }

    private static ObjectNode parse(Queue queue) {
        String policy = queue.settings().policy();
        if (!policy.isEmpty()) {
            try {
                JsonNode node = JSON.readTree(policy);
                if (node instanceof ObjectNode object) return object;
            } catch (IOException e) {
                // a policy that does not parse is replaced
            }
        }
        ObjectNode fresh = JSON.createObjectNode();
        fresh.put("Version", "2012-10-17").put("Id", queue.arn() + "/SQSDefaultPolicy");
        fresh.putArray("Statement");
        return fresh;
    }

    private static berth.aws.AwsException invalidLabel(String label, String reason) {
        return SqsErrors.INVALID_PARAMETER_VALUE.exception("Value " + label + " for parameter Label is invalid. Reason: " + reason);
    }
}
