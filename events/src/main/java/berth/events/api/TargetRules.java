package berth.events.api;

import berth.aws.Scope;
import berth.aws.json.JsonShapeReader;
import berth.aws.json.JsonShapeWriter;
import berth.aws.wire.SdkModelClasses;
import berth.ecs.TargetRunTask;
import berth.events.core.InputShaping;
import berth.events.core.JsonPath;
import berth.events.core.Target;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.eventbridge.model.EcsParameters;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;

/**
 * A rule's Target checked as EventBridge checks it and turned into what the delivery loop runs: ECS
 * RunTask (a cluster ARN with EcsParameters and a role; the shaped input, if any, is the task's
 * overrides), SQS SendMessage (a queue ARN; the shaped input is the body) or another event bus (the
 * event passes unchanged). Other target types are refused rather than accepted and never invoked.
 */
final class TargetRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLUSTER_ARN = Pattern.compile("arn:aws(-[a-z]+)?:ecs:[a-z0-9\\-]+:\\d{12}:cluster/[a-zA-Z0-9\\-_]+");
    private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+(\\.fifo)?");
    private static final Pattern BUS_ARN = Pattern.compile("arn:aws(-[a-z]+)?:events:([a-z0-9\\-]+):(\\d{12}):event-bus/[\\w.\\-]+");
    private static final Pattern STANDARD_QUEUE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern PATH_NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

    private TargetRules() {}

    /**
     * @param ruleRoleArn the rule's RoleArn (empty for none): a target without a role of its own is invoked as it
     */
    static Target toCore(software.amazon.awssdk.services.eventbridge.model.Target t, String ruleRoleArn, Scope scope) {
        String arn = t.arn();
        String id = t.id();
        if (t.kinesisParameters() != null || t.runCommandParameters() != null || t.batchParameters() != null
                || t.httpParameters() != null || t.redshiftDataParameters() != null || t.sageMakerPipelineParameters() != null
                || t.appSyncParameters() != null) {
            throw EventsErrors.invalid("Target " + id + " is not supported: berth delivers to ECS RunTask, SQS and event bus targets.");
        }
        Target.Kind kind;
        if (CLUSTER_ARN.matcher(arn).matches()) kind = Target.Kind.ECS_RUN_TASK;
        else if (QUEUE_ARN.matcher(arn).matches()) kind = Target.Kind.SQS_SEND_MESSAGE;
        else if (BUS_ARN.matcher(arn).matches()) kind = Target.Kind.EVENT_BUS;
        else throw EventsErrors.invalid("Target " + id + " with Arn " + arn + " is not supported: berth delivers to ECS clusters"
                    + " (RunTask), SQS queues and event buses.");
        // an SQS target sends as its own role when it has one, else as events.amazonaws.com under the queue's policy
        String role = t.roleArn() != null ? t.roleArn() : kind == Target.Kind.SQS_SEND_MESSAGE ? "" : ruleRoleArn;
        if (!role.isEmpty() && !ROLE_ARN.matcher(role).matches()) {
            throw EventsErrors.invalid("RoleArn " + role + " is not valid.");
        }
        int shaped = (t.input() != null ? 1 : 0) + (t.inputPath() != null ? 1 : 0) + (t.inputTransformer() != null ? 1 : 0);
        if (shaped > 1) {
            throw EventsErrors.invalid("Only one of Input, InputPath, or InputTransformer may be specified for target " + id + ".");
        }
        String input = t.input() == null ? "" : t.input();
        if (!input.isEmpty()) requireJson(input, "Input for target " + id);
        String inputPath = t.inputPath() == null ? "" : t.inputPath();
        if (!inputPath.isEmpty()) path(inputPath, "InputPath for target " + id);
        Map<String, String> paths = new TreeMap<>();
        String template = "";
        if (t.inputTransformer() != null) {
            if (t.inputTransformer().hasInputPathsMap()) paths.putAll(t.inputTransformer().inputPathsMap());
            template = t.inputTransformer().inputTemplate();
            checkTransformer(id, paths, template);
        }
        String ecs = "";
        String group = t.sqsParameters() == null || t.sqsParameters().messageGroupId() == null ? "" : t.sqsParameters().messageGroupId();
        switch (kind) {
            case ECS_RUN_TASK -> {
                if (t.ecsParameters() == null) throw EventsErrors.invalid("EcsParameters must be specified for target " + id + ".");
                if (role.isEmpty()) throw EventsErrors.invalid("RoleArn is required for target " + id + ".");
                ecs = runTaskMembers(t.ecsParameters()).toString();
            }
            case SQS_SEND_MESSAGE -> {
                if (arn.endsWith(".fifo") && group.isEmpty()) {
                    throw EventsErrors.invalid("Parameter(s) SqsParameters must be specified for target: " + id + ".");
                }
                if (!arn.endsWith(".fifo") && !group.isEmpty()) {
                    throw EventsErrors.invalid("SqsParameters.MessageGroupId can only be specified for a FIFO queue target: " + id + ".");
                }
            }
            case EVENT_BUS -> {
                var m = BUS_ARN.matcher(arn);
                m.matches();
                if (!m.group(3).equals(scope.accountId())) {
                    throw EventsErrors.invalid("Target " + id + ": event buses of other accounts cannot be targets in berth"
                            + " (event bus policies are not supported).");
                }
                if (shaped > 0) {
                    throw EventsErrors.invalid("Input, InputPath and InputTransformer are not supported for event bus target " + id + ".");
                }
            }
        }
        if (kind != Target.Kind.ECS_RUN_TASK && t.ecsParameters() != null) {
            throw EventsErrors.invalid("EcsParameters can only be specified for an Amazon ECS target: " + id + ".");
        }
        if (kind != Target.Kind.SQS_SEND_MESSAGE && t.sqsParameters() != null) {
            throw EventsErrors.invalid("SqsParameters can only be specified for an Amazon SQS target: " + id + ".");
        }
        String dlq = t.deadLetterConfig() == null || t.deadLetterConfig().arn() == null ? "" : t.deadLetterConfig().arn();
        if (!dlq.isEmpty() && !STANDARD_QUEUE_ARN.matcher(dlq).matches()) {
            throw EventsErrors.invalid("DeadLetterConfig Arn " + dlq + " of target " + id + " is not a standard Amazon SQS queue ARN.");
        }
        RetryPolicy retry = t.retryPolicy();
        int age = retry == null || retry.maximumEventAgeInSeconds() == null ? Target.DEFAULT_EVENT_AGE_SECONDS : retry.maximumEventAgeInSeconds();
        int attempts = retry == null || retry.maximumRetryAttempts() == null ? Target.DEFAULT_RETRY_ATTEMPTS : retry.maximumRetryAttempts();
        String shape = JsonShapeWriter.writeStructure(t).toString();
        return new Target(id, kind, arn, role, input, inputPath, paths, template, ecs, group, age, attempts, dlq, shape);
    }

    static software.amazon.awssdk.services.eventbridge.model.Target toSdk(Target target) {
        try {
            var builder = software.amazon.awssdk.services.eventbridge.model.Target.builder();
            new JsonShapeReader("SerializationException").readStructure((SdkPojo) builder, JSON.readTree(target.shape()), "");
            return (software.amazon.awssdk.services.eventbridge.model.Target) SdkModelClasses.build((SdkPojo) builder);
        } catch (IOException e) {
            throw new IllegalStateException("stored target is not JSON", e);
        }
    }

    /** EcsParameters as the members of ECS's RunTask request (its JSON names). */
    static ObjectNode runTaskMembers(EcsParameters p) {
        if (p.referenceId() != null) {
            throw EventsErrors.invalid("EcsParameters.ReferenceId cannot be used: berth's ECS keeps no reference id of a task.");
        }
        ObjectNode members = TargetRunTask.members(JsonShapeWriter.writeStructure(p));
        if (members.path("count").asInt() > 10) {
            throw EventsErrors.invalid("EcsParameters.TaskCount must be at most 10.");
        }
        return members;
    }

    private static void checkTransformer(String id, Map<String, String> paths, String template) {
        paths.forEach((name, path) -> {
            if (!PATH_NAME.matcher(name).matches() || name.startsWith("aws.")) {
                throw EventsErrors.invalid("InputPathsMap key " + name + " of target " + id + " is not valid.");
            }
            path(path, "InputPathsMap value " + path + " of target " + id);
        });
        String trimmed = template.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            ObjectNode probe = JSON.createObjectNode();
            String filled = InputShaping.fill(template, paths, new InputShaping.Matched(probe, "arn", "rule", "1970-01-01T00:00:00Z"));
            try {
                JSON.readTree(filled);
            } catch (IOException e) {
                throw EventsErrors.invalid("InputTemplate for target " + id + " contains invalid JSON.");
            }
        }
    }

    private static void path(String path, String what) {
        try {
            JsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw EventsErrors.invalid(what + " is not a valid JSONPath: " + e.getMessage() + ".");
        }
    }

    private static void requireJson(String text, String what) {
        try {
            JSON.readTree(text);
        } catch (IOException e) {
            throw EventsErrors.invalid(what + " is not valid JSON.");
        }
    }
}
