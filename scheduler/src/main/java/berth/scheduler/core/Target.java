package berth.scheduler.core;

/**
 * What a schedule invokes, as the invocation loop needs it: the target kind, its ARN, the role it
 * runs as, its input, its retry policy and dead-letter queue, and the kind's parameters.
 *
 * @param kind {@link Kind#ECS_RUN_TASK} for a cluster ARN, {@link Kind#SQS_SEND_MESSAGE} for a queue ARN; the
 *             universal targets {@code aws-sdk:ecs:runTask} and {@code aws-sdk:sqs:sendMessage} take their whole
 *             request from Input
 * @param input the target's Input; empty for none
 * @param deadLetterArn the SQS queue for failed invocations; empty for none
 * @param ecsParameters the EcsParameters as ECS's RunTask JSON members (cluster, overrides and client token left out), or
 *                      the universal target's whole RunTask request; empty unless ECS
 * @param messageGroupId SqsParameters.MessageGroupId; empty for none
 * @param shape the Target as the API answers it (JSON of the SDK shape), kept for GetSchedule
 */
public record Target(Kind kind, String arn, String roleArn, String input, int maximumEventAgeSeconds,
                     int maximumRetryAttempts, String deadLetterArn, String ecsParameters, String messageGroupId,
                     String shape) {
    public static final int DEFAULT_EVENT_AGE_SECONDS = 86_400;
    public static final int DEFAULT_RETRY_ATTEMPTS = 185;

    public enum Kind { ECS_RUN_TASK, SQS_SEND_MESSAGE, UNIVERSAL_ECS_RUN_TASK, UNIVERSAL_SQS_SEND_MESSAGE }
}
