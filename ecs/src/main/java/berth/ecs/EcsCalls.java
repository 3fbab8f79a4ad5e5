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
}
