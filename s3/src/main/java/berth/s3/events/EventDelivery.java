package berth.s3.events;

import berth.platform.RecordTable.Versioned;
import berth.s3.BucketEvents;
import berth.s3.core.EventNotice;
import berth.s3.state.S3Records;
import berth.sqs.QueueMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of event delivery: every pending notice, oldest first, goes to its queues (through SQS's
 * QueueMessages, as the queue's policy allows S3) and to every subscriber, then is removed. A queue
 * gone or no longer allowing S3 loses the event, as in S3; a subscriber that throws stops the pass,
 * and the notice (with those after it) is delivered again on the next. Also the published
 * {@link BucketEvents}.
 */
public final class EventDelivery implements BucketEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
    static final String S3_PRINCIPAL = "s3.amazonaws.com";

    private final S3Records records;
    private final Supplier<Optional<QueueMessages>> queues;
    private final Clock clock;
    private final List<Consumer<ObjectEvent>> listeners = new CopyOnWriteArrayList<>();

    public EventDelivery(S3Records records, Supplier<Optional<QueueMessages>> queues, Clock clock) {
        this.records = records;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public Subscription subscribe(Consumer<ObjectEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean subscribed() {
        return !listeners.isEmpty();
    }

    public Instant pass() {
        for (Versioned<EventNotice> pending : records.pendingEvents()) {
            EventNotice notice = pending.value();
            Optional<QueueMessages> sqs = queues.get();
            for (EventNotice.Destination destination : notice.destinations()) {
                QueueMessages.Access sent = sqs.map(q -> q.send(destination.queueArn(), S3_PRINCIPAL,
                        "arn:aws:s3:::" + notice.bucket(), notice.bucketOwner(),
                        EventRecords.message(notice, destination.configurationId()))).orElse(QueueMessages.Access.NO_SUCH_QUEUE);
                if (sent != QueueMessages.Access.ALLOWED) {
                    LOG.info("event {} of s3://{}/{} not delivered to {}: {}", notice.eventName(), notice.bucket(),
                            notice.key(), destination.queueArn(), sent);
                }
            }
            ObjectEvent event = new ObjectEvent(notice.eventName(), notice.bucket(), notice.bucketOwner(), notice.region(),
                    notice.key(), notice.size(), notice.etag(), notice.versionId(), notice.sequencer(), notice.time(),
                    notice.principalId(), notice.requestId(), notice.sourceIp(), notice.eventBridge(),
                    EventRecords.record(notice, "").toString());
            for (Consumer<ObjectEvent> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("a subscriber refused event {} of s3://{}/{}; retrying", notice.eventName(), notice.bucket(),
                            notice.key(), e);
                    return clock.instant().plusSeconds(2);
                }
            }
            records.delivered(notice, pending.version());
        }
        return clock.instant().plusSeconds(3600);
    }
}
