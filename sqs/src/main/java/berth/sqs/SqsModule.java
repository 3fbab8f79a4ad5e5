package berth.sqs;

import berth.aws.sigv4.SigV4Verifier;
import berth.cloudwatch.MetricSink;
import berth.iam.RequestFields;
import berth.iam.RequestResources;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.platform.WakeableLoop;
import berth.sqs.api.SqsOperations;
import berth.sqs.api.SqsServices;
import berth.sqs.core.QueueNames;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import java.time.Duration;
import java.util.List;

/**
 * SQS: queues in the store (kinds {@code sqs.*}), their messages in a journal of their own under
 * {@code home/sqs/journal} (an SQS message store is write-heavy: every send, receive and delete is a
 * change, which the store would keep, index and snapshot like control-plane state). Two loops:
 * retention (every {@code BERTH_SQS_RETENTION_SWEEP_SECONDS}, default 60) and message move tasks.
 * Publishes {@link QueueMessages} and {@link QueueDepths}; queue depths go to CloudWatch ({@link QueueMetrics}).
 */
public final class SqsModule implements PlatformModule {
    private MessageBook book;
    private SqsOperations operations;
    private WakeableLoop retention;
    private WakeableLoop mover;
    private WakeableLoop metrics;

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public void start(Platform platform) throws Exception {
        book = MessageBook.open(platform.home().resolve("sqs").resolve("journal"), platform.clock());
        QueueRecords records = new QueueRecords(platform.store());
        MessageMover moves = new MessageMover(records, book, platform.clock());
        mover = new WakeableLoop("sqs-message-mover", platform.store(), platform.clock(), List.of(QueueRecords.MOVE_TASKS),
                Duration.ofMillis(200), moves::pass);
        operations = new SqsOperations(records, book, platform.clock(), platform.endpoint(), mover::wake);
        platform.addAwsService(SqsServices.json(operations.table()));
        platform.addAwsService(SqsServices.query(operations.table()));
        StoredQueues published = new StoredQueues(records, book, platform.clock(),
                new berth.aws.InProcessCalls(SqsServices.json(operations.table()), platform::authorizer), platform.endpoint().toString());
        platform.publish(QueueMessages.class, published);
        platform.publish(QueueDepths.class, published);
        platform.addHttpService("/_berth/sqs/", DepthsEndpoint.of(new SigV4Verifier(platform.credentials(), platform.clock()),
                published));
        platform.lookup(RequestResources.class).ifPresent(table -> registerResources(table, records));
        retention = new WakeableLoop("sqs-retention", platform.store(), platform.clock(), List.of(QueueRecords.QUEUES),
                sweepInterval(), new MessageRetention(records, book, platform.clock(), sweepInterval())::pass);
        retention.start();
        mover.start();
        QueueMetrics queueMetrics = new QueueMetrics(published, () -> platform.lookup(MetricSink.class), platform.clock(),
                QueueMetrics.configuredInterval());
        metrics = new WakeableLoop("sqs-metrics", platform.store(), platform.clock(), List.of(), Duration.ofMillis(100),
                queueMetrics::pass);
        metrics.start();
    }

    /** Every queue call acts on the queue its QueueUrl names; its policy is evaluated beside the caller's. */
    private static void registerResources(RequestResources table, QueueRecords records) {
        for (String operation : List.of("DeleteQueue", "GetQueueAttributes", "SetQueueAttributes", "TagQueue", "UntagQueue",
                "ListQueueTags", "AddPermission", "RemovePermission", "SendMessage", "ReceiveMessage", "DeleteMessage",
                "ChangeMessageVisibility", "SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch",
                "PurgeQueue", "ListDeadLetterSourceQueues")) {
            table.register("sqs:" + operation, (request, caller) -> RequestFields.string(request, "QueueUrl")
                    .flatMap(url -> QueueNames.fromUrl(url, caller.scope())).map(ref -> List.of(ref.arn())).orElse(List.of()));
        }
        // SQS has no IAM actions for its batch calls: each is authorized as its single call, as on AWS
        table.registerAction("sqs:SendMessageBatch", "sqs:SendMessage");
        table.registerAction("sqs:DeleteMessageBatch", "sqs:DeleteMessage");
        table.registerAction("sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility");
        table.register("sqs:CreateQueue", (request, caller) -> RequestFields.string(request, "QueueName")
                .map(name -> List.of(caller.scope().arn("sqs", name))).orElse(List.of()));
        table.register("sqs:GetQueueUrl", (request, caller) -> RequestFields.string(request, "QueueName")
                .map(name -> List.of(caller.scope().arn("sqs", name))).orElse(List.of()));
        table.registerPolicies("arn:aws:sqs:", arn -> QueueNames.fromArn(arn)
                .flatMap(ref -> records.find(ref.scope(), ref.name()))
                .map(found -> found.value().settings().policy()).filter(p -> !p.isEmpty()));
    }

    private static Duration sweepInterval() {
        String configured = System.getenv("BERTH_SQS_RETENTION_SWEEP_SECONDS");
        try {
            return Duration.ofSeconds(configured == null ? 60 : Math.max(1, Long.parseLong(configured.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(60);
        }
    }

    @Override
    public void reset() throws Exception {
        if (book != null) book.clear();
        if (operations != null) operations.forget();
    }

    @Override
    public void stop() throws Exception {
        if (retention != null) retention.close();
        if (mover != null) mover.close();
        if (metrics != null) metrics.close();
        if (book != null) book.close();
    }
}
