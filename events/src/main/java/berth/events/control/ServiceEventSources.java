package berth.events.control;

import berth.aws.Scope;
import berth.ecs.TaskStateChanges;
import berth.events.core.EventBus;
import berth.events.core.ServiceEvents;
import berth.s3.BucketEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts AWS services' events on the default bus of the account they happen in: S3 object events of
 * buckets whose notification configuration turns EventBridge on (from {@link BucketEvents}, which
 * tells each event again until it was taken), and ECS task state changes (from {@link TaskStateChanges}).
 */
final class ServiceEventSources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceEventSources.class);

    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** ECS tells task changes on the store's delivery thread, which must not wait: they are ingested here, in order. */
    private final ExecutorService taskEvents = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "events-ecs-task-changes");
        thread.setDaemon(true);
        return thread;
    });

    ServiceEventSources(EventIngestion ingestion, Optional<BucketEvents> buckets, Optional<TaskStateChanges> tasks, Clock clock) {
        buckets.ifPresent(b -> subscriptions.add(b.subscribe(e -> {
            if (!e.eventBridgeEnabled()) return;
            String requester = e.requester().startsWith("AWS:") ? e.bucketOwner() : "s3.amazonaws.com";
            ServiceEvents.s3(new ServiceEvents.ObjectChange(e.eventName(), e.bucket(), e.bucketOwner(), e.region(), e.key(),
                    e.size(), e.etag(), e.versionId(), e.sequencer(), e.time(), requester, e.requestId(), e.sourceIp()))
                    .ifPresent(event -> ingestion.ingest(new Scope(e.bucketOwner(), e.region()), EventBus.DEFAULT, event));
        })));
        tasks.ifPresent(t -> subscriptions.add(t.subscribe(change -> taskEvents.execute(() -> {
            try {
                ingestion.ingest(change.scope(), EventBus.DEFAULT, ServiceEvents.ecsTask(change.scope().accountId(),
                        change.scope().region(), change.taskArn(), change.task(), clock.instant()));
            } catch (RuntimeException e) {
                LOG.warn("state change of task {} not put on the default bus: {}", change.taskArn(), e.toString());
            }
        }))));
    }

    @Override
    public void close() {
        taskEvents.shutdownNow();
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                // closing a subscription does not fail
            }
        }
    }
}
