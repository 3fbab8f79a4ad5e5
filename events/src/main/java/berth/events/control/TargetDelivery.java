package berth.events.control;

import berth.aws.AwsException;
import berth.aws.Caller;
import berth.aws.Scope;
import berth.aws.delivery.DeliveryRetries;
import berth.aws.delivery.DeliveryRetries.Failure;
import berth.ecs.EcsCalls;
import berth.events.core.Delivery;
import berth.events.core.Target;
import berth.iam.ServiceRoleCallers;
import berth.sqs.QueueMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Delivers one matched event to its target as EventBridge does: ECS RunTask as the target's role
 * (a session for {@code events.amazonaws.com}, its trust policy deciding with the rule as
 * {@code aws:SourceArn}; the shaped input is the task's overrides), SQS SendMessage as the target's
 * role when it has one, else authorised by the queue's policy for {@code events.amazonaws.com} with
 * the rule as source, or the event put on another bus of the account. Dead-letter messages go to the target's DLQ under the same policy.
 */
final class TargetDelivery {
    static final String PRINCIPAL = "events.amazonaws.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceRoleCallers roles;
    private final Supplier<Optional<EcsCalls>> ecs;
    private final Supplier<Optional<QueueMessages>> queues;
    private final EventIngestion ingestion;

    TargetDelivery(ServiceRoleCallers roles, Supplier<Optional<EcsCalls>> ecs, Supplier<Optional<QueueMessages>> queues,
                   EventIngestion ingestion) {
        this.roles = roles;
        this.ecs = ecs;
        this.queues = queues;
        this.ingestion = ingestion;
    }

    /** Attempts a delivery once; empty when the target took it. */
    Optional<Failure> deliver(Delivery delivery) {
        try {
            switch (delivery.target().kind()) {
                case ECS_RUN_TASK -> runTask(delivery);
                case SQS_SEND_MESSAGE -> sendMessage(delivery);
                case EVENT_BUS -> putOnBus(delivery);
            }
            return Optional.empty();
        } catch (AwsException e) {
            return Optional.of(Failure.of(e));
        } catch (RuntimeException e) {
            return Optional.of(Failure.unexpected("InternalException", e));
        }
    }

    /** Sends the dead-letter message of a delivery that gave up: the event, with why in its attributes. */
    Optional<Failure> deadLetter(Delivery delivery, String condition) {
        Map<String, String> attributes = Map.of(
                "RULE_ARN", delivery.ruleArn(),
                "TARGET_ARN", delivery.target().arn(),
                "ERROR_CODE", delivery.lastErrorCode(),
                "ERROR_MESSAGE", delivery.lastErrorMessage().isEmpty() ? delivery.lastErrorCode() : delivery.lastErrorMessage(),
                "EXHAUSTED_RETRY_CONDITION", condition,
                "RETRY_ATTEMPTS", Integer.toString(Math.max(0, delivery.attempts() - 1)));
        QueueMessages.Access access = queues.get().map(q -> q.send(delivery.target().deadLetterArn(), PRINCIPAL, delivery.ruleArn(),
                delivery.accountId(), new QueueMessages.ServiceMessage(delivery.event(), attributes, "", "")))
                .orElse(QueueMessages.Access.NO_SUCH_QUEUE);
        return access == QueueMessages.Access.ALLOWED ? Optional.empty()
                : Optional.of(Failure.notRetried(access.name(), "the dead-letter queue did not take the message (" + access + ")"));
    }

    private void runTask(Delivery delivery) {
        Target target = delivery.target();
        ObjectNode request;
        try {
            request = (ObjectNode) JSON.readTree(target.ecsParameters());
            if (target.shapesInput()) {
                JsonNode overrides = JSON.readTree(delivery.payload());
                if (overrides == null || !overrides.isObject()) throw new IOException("not an object");
                request.set("overrides", overrides);
            }
        } catch (IOException | ClassCastException e) {
            throw new AwsException(400, "InvalidParameterException", "The input to target " + target.id()
                    + " is not a JSON object of RunTask overrides.", false);
        }
        request.put("cluster", target.arn());
        request.put("clientToken", UUID.nameUUIDFromBytes((delivery.eventId() + "/" + delivery.ruleArn() + "/" + target.id())
                .getBytes(StandardCharsets.UTF_8)).toString());
        if (!request.has("startedBy")) request.put("startedBy", "events-rule/" + delivery.ruleName());
        Caller caller = roles.of(target.roleArn(), delivery.ruleArn(), delivery.accountId(), delivery.region(), "ecs",
                delivery.eventId());
        ecs.get().orElseThrow(() -> DeliveryRetries.unavailable("ECS")).runTask(caller, request);
    }

    private void sendMessage(Delivery delivery) {
        Target target = delivery.target();
        QueueMessages sqs = queues.get().orElseThrow(() -> DeliveryRetries.unavailable("SQS"));
        String dedup = target.messageGroupId().isEmpty() ? "" : delivery.eventId();
        if (!target.roleArn().isEmpty()) {
            Caller caller = roles.of(target.roleArn(), delivery.ruleArn(), delivery.accountId(), delivery.region(), "sqs",
                    delivery.eventId());
            sqs.sendAs(caller, target.arn(), delivery.payload(), Map.of(), target.messageGroupId(), dedup);
            return;
        }
        QueueMessages.Access access = sqs.send(target.arn(), PRINCIPAL, delivery.ruleArn(), delivery.accountId(),
                new QueueMessages.ServiceMessage(delivery.payload(), Map.of(), target.messageGroupId(), dedup));
        switch (access) {
            case ALLOWED -> { }
            case NO_SUCH_QUEUE -> throw new AwsException(400, "SQS.NonExistentQueue", "The specified queue does not exist.", false);
            case DENIED -> throw new AwsException(403, "SQS.AccessDenied", "The queue's policy does not allow " + PRINCIPAL
                    + " sqs:SendMessage from " + delivery.ruleArn() + ".", false);
            case FIFO_UNSUPPORTED -> throw new AwsException(400, "SQS.InvalidParameterValue",
                    "A FIFO queue needs SqsParameters.MessageGroupId.", false);
            case INVALID_MESSAGE -> throw new AwsException(400, "SQS.InvalidMessageContents",
                    "SQS refused the message (too large or invalid characters).", false);
        }
    }

    private void putOnBus(Delivery delivery) {
        Target target = delivery.target();
        berth.aws.arn.Arn arn = berth.aws.arn.Arn.parse(target.arn()).orElseThrow();
        if (!target.roleArn().isEmpty()) {
            // the event passes as the target's role: its trust policy must allow EventBridge for this rule
            roles.of(target.roleArn(), delivery.ruleArn(), delivery.accountId(), delivery.region(), "events", delivery.eventId());
        }
        Scope scope = new Scope(arn.accountId(), arn.region());
        if (!ingestion.busExists(scope, arn.resourceName())) {
            throw new AwsException(400, "ResourceNotFoundException", "Event bus " + arn.resourceName() + " does not exist.", false);
        }
        try {
            ingestion.ingest(scope, arn.resourceName(), JSON.readTree(delivery.event()));
        } catch (IOException e) {
            throw new IllegalStateException("stored event is not JSON", e);
        }
    }

}
