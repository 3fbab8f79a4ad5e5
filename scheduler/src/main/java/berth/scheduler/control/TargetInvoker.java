package berth.scheduler.control;

import berth.aws.AwsException;
import berth.aws.Caller;
import berth.aws.CredentialSource;
import berth.aws.Scope;
import berth.aws.delivery.DeliveryRetries;
import berth.aws.delivery.DeliveryRetries.Failure;
import berth.ecs.EcsCalls;
import berth.iam.RoleCredentialsIssuer;
import berth.iam.ServiceRoleCallers;
import berth.scheduler.core.Invocation;
import berth.scheduler.core.Target;
import berth.sqs.QueueMessages;
import berth.sqs.core.QueueNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Invokes a target as its role: a session of the role for {@code scheduler.amazonaws.com} (the role's
 * trust policy must allow it, with {@code aws:SourceArn} the schedule and {@code aws:SourceAccount} its
 * account), then ECS RunTask or SQS SendMessage called with that session, authorised by the role's
 * policies as on the wire. Dead-letter events go to the DLQ as the same role.
 */
final class TargetInvoker {
    static final String PRINCIPAL = "scheduler.amazonaws.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceRoleCallers roles;
    private final Supplier<Optional<EcsCalls>> ecs;
    private final Supplier<Optional<QueueMessages>> queues;

    TargetInvoker(Supplier<Optional<RoleCredentialsIssuer>> issuer, CredentialSource credentials,
                  Supplier<Optional<EcsCalls>> ecs, Supplier<Optional<QueueMessages>> queues, Clock clock) {
        this.roles = new ServiceRoleCallers(PRINCIPAL, issuer, credentials, clock);
        this.ecs = ecs;
        this.queues = queues;
    }

    /** Attempts an invocation once; empty when the target took it. */
    Optional<Failure> invoke(Invocation invocation) {
        Target target = invocation.target();
        try {
            Caller caller = session(invocation, "ecs");
            switch (target.kind()) {
                case ECS_RUN_TASK -> runTask(caller, invocation);
                case UNIVERSAL_ECS_RUN_TASK -> runTask(caller, invocation);
                case SQS_SEND_MESSAGE -> queues.get().orElseThrow(() -> DeliveryRetries.unavailable("SQS"))
                        .sendAs(caller, target.arn(), body(target), Map.of(), target.messageGroupId(),
                                target.messageGroupId().isEmpty() ? "" : invocation.id());
                case UNIVERSAL_SQS_SEND_MESSAGE -> sendMessage(caller, invocation);
            }
            return Optional.empty();
        } catch (AwsException e) {
            return Optional.of(Failure.of(e));
        } catch (RuntimeException e) {
            return Optional.of(Failure.unexpected("InternalServerException", e));
        }
    }

    /** Sends the dead-letter event of an invocation that gave up, as the target's role. */
    Optional<Failure> deadLetter(Invocation invocation, String condition) {
        Target target = invocation.target();
        Map<String, String> attributes = Map.of(
                "ERROR_CODE", invocation.lastErrorCode(),
                "ERROR_MESSAGE", invocation.lastErrorMessage().isEmpty() ? invocation.lastErrorCode() : invocation.lastErrorMessage(),
                "EXHAUSTED_RETRY_CONDITION", condition,
                "RETRY_ATTEMPTS", Integer.toString(Math.max(0, invocation.attempts() - 1)),
                "SCHEDULE_ARN", invocation.scheduleArn(),
                "TARGET_ARN", target.arn(),
                "INVOCATION_ID", invocation.id());
        try {
            Caller caller = session(invocation, "sqs");
            queues.get().orElseThrow(() -> DeliveryRetries.unavailable("SQS"))
                    .sendAs(caller, target.deadLetterArn(), body(target), attributes, "", "");
            return Optional.empty();
        } catch (AwsException e) {
            return Optional.of(Failure.notRetried(e.code(), e.getMessage()));
        }
    }

    private void runTask(Caller caller, Invocation invocation) {
        Target target = invocation.target();
        ObjectNode request;
        try {
            request = (ObjectNode) JSON.readTree(target.ecsParameters());
            if (target.kind() == Target.Kind.ECS_RUN_TASK && !target.input().isEmpty()) {
                request.set("overrides", JSON.readTree(target.input()));
            }
        } catch (IOException e) {
            throw new AwsException(400, "ValidationException", "Input is not a JSON object of RunTask overrides.");
        }
        if (target.kind() == Target.Kind.ECS_RUN_TASK) {
            request.put("cluster", target.arn());
        }
        if (!request.has("clientToken")) {
            request.put("clientToken", invocation.id());
        }
        if (!request.has("startedBy")) {
            request.put("startedBy", "scheduler");
        }
        ecs.get().orElseThrow(() -> DeliveryRetries.unavailable("ECS")).runTask(caller, request);
    }

    /** A universal SendMessage target: its Input's QueueUrl (read as SQS reads it, in the schedule's region), body, group and deduplication ids. */
    private void sendMessage(Caller caller, Invocation invocation) {
        JsonNode request;
        try {
            request = JSON.readTree(invocation.target().input());
        } catch (IOException e) {
            throw new AwsException(400, "ValidationException", "Input is not a SendMessage request.");
        }
        String queueArn = QueueNames.fromUrl(request.path("QueueUrl").asText(), new Scope(invocation.accountId(), invocation.region()))
                .map(QueueNames.QueueRef::arn)
                .orElseThrow(() -> new AwsException(400, "QueueDoesNotExist", "The specified queue does not exist."));
        String group = request.path("MessageGroupId").asText("");
        String dedup = request.path("MessageDeduplicationId").asText(group.isEmpty() ? "" : invocation.id());
        queues.get().orElseThrow(() -> DeliveryRetries.unavailable("SQS")).sendAs(caller, queueArn,
                request.path("MessageBody").asText(), Map.of(), group, dedup);
    }

    private Caller session(Invocation invocation, String service) {
        return roles.of(invocation.target().roleArn(), invocation.scheduleArn(), invocation.accountId(), invocation.region(),
                service, invocation.id());
    }

    private static String body(Target target) {
        return target.input().isEmpty() ? "{}" : target.input();
    }

}
