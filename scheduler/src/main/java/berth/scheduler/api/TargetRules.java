package berth.scheduler.api;

import berth.aws.json.JsonShapeReader;
import berth.aws.json.JsonShapeWriter;
import berth.aws.json.MemberNames;
import berth.aws.wire.SdkModelClasses;
import berth.ecs.TargetRunTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.scheduler.model.EcsParameters;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * A schedule's Target checked as AWS checks it and turned into what the invocation loop runs: a
 * templated ECS RunTask target (a cluster ARN with EcsParameters; Input, if any, is the RunTask
 * overrides) or SQS SendMessage (a queue ARN; Input is the body). Universal targets and the other
 * templated targets are refused rather than accepted and never invoked.
 */
final class TargetRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+(\\.fifo)?");
    private static final Pattern CLUSTER_ARN = Pattern.compile("arn:aws(-[a-z]+)?:ecs:[a-z0-9\\-]+:\\d{12}:cluster/[a-zA-Z0-9\\-_]+");
    private static final Pattern DLQ_ARN = Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:iam::\\d{12}:role/[\\w+=,.@/-]+");

    static final String UNIVERSAL_RUN_TASK = "arn:aws:scheduler:::aws-sdk:ecs:runTask";
    static final String UNIVERSAL_SEND_MESSAGE = "arn:aws:scheduler:::aws-sdk:sqs:sendMessage";

    private TargetRules() {}

    /**
     * A universal target: Input is the operation's whole request with its API member names
     * ({@code {"Cluster": …, "TaskDefinition": …}}, {@code {"QueueUrl": …, "MessageBody": …}}).
     */
    private static berth.scheduler.core.Target universal(Target target) {
        if (target.ecsParameters() != null || target.sqsParameters() != null) {
            throw SchedulerErrors.invalid("A universal target takes its parameters from Input, not EcsParameters or SqsParameters.");
        }
        JsonNode request;
        try {
            request = target.input() == null ? null : JSON.readTree(target.input());
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            throw SchedulerErrors.invalid("Input for " + target.arn() + " must be a JSON object of the operation's request.");
        }
        boolean ecs = target.arn().equals(UNIVERSAL_RUN_TASK);
        if (ecs && !request.hasNonNull("TaskDefinition")) {
            throw SchedulerErrors.invalid("Input for " + target.arn() + " must name a TaskDefinition.");
        }
        if (!ecs) {
            if (!request.path("QueueUrl").isTextual() || !request.path("MessageBody").isTextual()) {
                throw SchedulerErrors.invalid("Input for " + target.arn() + " must give QueueUrl and MessageBody.");
            }
            request.fieldNames().forEachRemaining(name -> {
                if (!java.util.Set.of("QueueUrl", "MessageBody", "MessageGroupId", "MessageDeduplicationId").contains(name)) {
                    throw SchedulerErrors.invalid("SendMessage member " + name + " is not supported in a universal target's Input.");
                }
            });
        }
        berth.scheduler.core.Target.Kind kind = ecs ? berth.scheduler.core.Target.Kind.UNIVERSAL_ECS_RUN_TASK
                : berth.scheduler.core.Target.Kind.UNIVERSAL_SQS_SEND_MESSAGE;
        Retry retry = retry(target);
        return new berth.scheduler.core.Target(kind, target.arn(), target.roleArn(), target.input(), retry.eventAge(),
                retry.attempts(), deadLetter(target), ecs ? MemberNames.lowerFirst(request).toString() : "", "", retry.answered());
    }

    private static String deadLetter(Target target) {
        if (target.deadLetterConfig() == null || target.deadLetterConfig().arn() == null) return "";
        String dlq = target.deadLetterConfig().arn();
        if (!DLQ_ARN.matcher(dlq).matches()) {
            throw SchedulerErrors.invalid("DeadLetterConfig Arn " + dlq + " is not a standard Amazon SQS queue ARN.");
        }
        return dlq;
    }

    /** The retry policy with AWS's defaults filled in, and the Target as GetSchedule answers it (JSON). */
    private record Retry(int eventAge, int attempts, String answered) {}

    private static Retry retry(Target target) {
        RetryPolicy retry = target.retryPolicy();
        int age = retry == null || retry.maximumEventAgeInSeconds() == null ? berth.scheduler.core.Target.DEFAULT_EVENT_AGE_SECONDS
                : retry.maximumEventAgeInSeconds();
        int attempts = retry == null || retry.maximumRetryAttempts() == null ? berth.scheduler.core.Target.DEFAULT_RETRY_ATTEMPTS
                : retry.maximumRetryAttempts();
        Target answered = target.toBuilder().retryPolicy(RetryPolicy.builder().maximumEventAgeInSeconds(age)
                .maximumRetryAttempts(attempts).build()).build();
        return new Retry(age, attempts, JsonShapeWriter.writeStructure(answered).toString());
    }

    static berth.scheduler.core.Target toCore(Target target) {
        String arn = target.arn();
        if (!ROLE_ARN.matcher(target.roleArn()).matches()) {
            throw SchedulerErrors.invalid("Invalid RoleArn " + target.roleArn() + ".");
        }
        if (target.eventBridgeParameters() != null || target.kinesisParameters() != null
                || target.sageMakerPipelineParameters() != null) {
            throw SchedulerErrors.invalid("Target " + arn + " is not supported: berth invokes ECS RunTask and SQS SendMessage"
                    + " targets.");
        }
        if (arn.equals(UNIVERSAL_RUN_TASK) || arn.equals(UNIVERSAL_SEND_MESSAGE)) {
            return universal(target);
        }
        if (!(CLUSTER_ARN.matcher(arn).matches() || QUEUE_ARN.matcher(arn).matches())) {
            throw SchedulerErrors.invalid("Target " + arn + " is not supported: berth invokes ECS RunTask (a cluster ARN or "
                    + UNIVERSAL_RUN_TASK + ") and SQS SendMessage (a queue ARN or " + UNIVERSAL_SEND_MESSAGE + ") targets.");
        }
        boolean ecs = CLUSTER_ARN.matcher(arn).matches();
        if (ecs && target.ecsParameters() == null) {
            throw SchedulerErrors.invalid("EcsParameters must be specified for an Amazon ECS target.");
        }
        if (!ecs && target.ecsParameters() != null) {
            throw SchedulerErrors.invalid("EcsParameters can only be specified for an Amazon ECS target.");
        }
        if (ecs && target.sqsParameters() != null) {
            throw SchedulerErrors.invalid("SqsParameters can only be specified for an Amazon SQS target.");
        }
        String groupId = target.sqsParameters() == null || target.sqsParameters().messageGroupId() == null ? ""
                : target.sqsParameters().messageGroupId();
        if (!ecs && arn.endsWith(".fifo") && groupId.isEmpty()) {
            throw SchedulerErrors.invalid("SqsParameters.MessageGroupId must be specified for a FIFO queue target.");
        }
        if (!ecs && !arn.endsWith(".fifo") && !groupId.isEmpty()) {
            throw SchedulerErrors.invalid("SqsParameters.MessageGroupId can only be specified for a FIFO queue target.");
        }
        String input = target.input() == null ? "" : target.input();
        if (ecs && !input.isEmpty()) {
            JsonNode overrides;
            try {
                overrides = JSON.readTree(input);
            } catch (IOException e) {
                overrides = null;
            }
            if (overrides == null || !overrides.isObject()) {
                throw SchedulerErrors.invalid("Input for an Amazon ECS target must be a JSON object of RunTask overrides.");
            }
        }
        Retry retry = retry(target);
        return new berth.scheduler.core.Target(ecs ? berth.scheduler.core.Target.Kind.ECS_RUN_TASK
                : berth.scheduler.core.Target.Kind.SQS_SEND_MESSAGE, arn, target.roleArn(), input, retry.eventAge(),
                retry.attempts(), deadLetter(target), ecs ? runTaskMembers(target.ecsParameters()).toString() : "",
                groupId, retry.answered());
    }

    static Target toSdk(berth.scheduler.core.Target target) {
        try {
            Target.Builder builder = Target.builder();
            new JsonShapeReader("SerializationException").readStructure((software.amazon.awssdk.core.SdkPojo) builder,
                    JSON.readTree(target.shape()), "");
            return (Target) SdkModelClasses.build((software.amazon.awssdk.core.SdkPojo) builder);
        } catch (IOException e) {
            throw new IllegalStateException("stored target is not JSON", e);
        }
    }

    /** EcsParameters as the members of ECS's RunTask request (its JSON names). */
    static ObjectNode runTaskMembers(EcsParameters p) {
        return TargetRunTask.members(JsonShapeWriter.writeStructure(p));
    }
}
