package berth.ecs;

import berth.aws.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * ECS operations called from inside berth for a caller another service verified or assumed (EventBridge
 * and EventBridge Scheduler run tasks as their targets' roles): the request is the operation's JSON
 * input, decoded, validated and authorised as on the wire. Published by the ECS module:
 * {@code platform.lookup(EcsCalls.class)}.
 */
public interface EcsCalls {
    /** The operations that may be called. */
    Set<String> OPERATIONS = Set.of("RunTask", "DescribeTaskDefinition", "DescribeTasks");

    /**
     * @return the operation's JSON output
     * @throws berth.aws.AwsException as the operation answers it on the wire
     */
    JsonNode call(Caller caller, String operation, JsonNode request);

    /**
     * RunTask for a target: the answer when it started a task, else the first failure as
     * {@code ECS.RunTaskFailure} (500, so a target's retry policy retries it), as EventBridge and
     * Scheduler report a RunTask that placed nothing.
     */
    default JsonNode runTask(Caller caller, JsonNode request) {
        JsonNode answer = call(caller, "RunTask", request);
        JsonNode failures = answer.path("failures");
        if (failures.isArray() && !failures.isEmpty() && answer.path("tasks").isEmpty()) {
            JsonNode first = failures.get(0);
            throw new berth.aws.AwsException(500, "ECS.RunTaskFailure", first.path("reason").asText() + " "
                    + first.path("arn").asText(""), false);
        }
        return answer;
    }
}
