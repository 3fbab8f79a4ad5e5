package berth.events.core;

import java.util.Map;

/**
 * A rule's target as the delivery loop needs it.
 *
 * @param kind an ECS cluster (RunTask), an SQS queue (SendMessage) or another event bus (PutEvents)
 * @param roleArn the role the target is invoked as; empty for none (SQS targets are authorised by the queue's policy)
 * @param input the constant Input; empty for none
 * @param inputPath the InputPath; empty for none
 * @param inputPathsMap the InputTransformer's paths; empty without a transformer
 * @param inputTemplate the InputTransformer's template; empty without a transformer
 * @param ecsParameters the EcsParameters as ECS's RunTask JSON members (cluster and overrides left out); empty unless ECS
 * @param messageGroupId SqsParameters.MessageGroupId; empty for none
 * @param deadLetterArn the SQS queue for events that could not be delivered; empty for none
 * @param shape the Target as ListTargetsByRule answers it (JSON of the SDK shape)
 */
public record Target(String id, Kind kind, String arn, String roleArn, String input, String inputPath,
                     Map<String, String> inputPathsMap, String inputTemplate, String ecsParameters, String messageGroupId,
                     int maximumEventAgeSeconds, int maximumRetryAttempts, String deadLetterArn, String shape) {
    public static final int DEFAULT_EVENT_AGE_SECONDS = 86_400;
    public static final int DEFAULT_RETRY_ATTEMPTS = 185;

    public enum Kind { ECS_RUN_TASK, SQS_SEND_MESSAGE, EVENT_BUS }

    public Target {
        inputPathsMap = Map.copyOf(inputPathsMap);
    }

    public boolean transforms() {
        return !inputTemplate.isEmpty();
    }

    /** Whether the target is given anything but the matched event itself. */
    public boolean shapesInput() {
        return !input.isEmpty() || !inputPath.isEmpty() || transforms();
    }
}
