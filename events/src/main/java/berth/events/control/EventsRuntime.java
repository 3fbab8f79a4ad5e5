package berth.events.control;

import berth.aws.CredentialSource;
import berth.cloudwatch.MetricSink;
import berth.ecs.EcsCalls;
import berth.ecs.TaskStateChanges;
import berth.events.state.EventsRecords;
import berth.iam.RoleCredentialsIssuer;
import berth.iam.ServiceRoleCallers;
import berth.platform.WakeableLoop;
import berth.s3.BucketEvents;
import berth.sqs.QueueMessages;
import berth.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * EventBridge's moving parts: ingestion (events matched and committed as deliveries), the delivery
 * loop (woken by new deliveries and rule changes, and at least every half second), the AWS
 * services' event sources, and the rules' metrics.
 */
public final class EventsRuntime implements AutoCloseable {
    private final BusRules rules;
    private final WakeableLoop loop;
    private final EventIngestion ingestion;
    private final Clock clock;
    private ServiceEventSources sources;

    public EventsRuntime(EventsRecords records, Store store, Clock clock, Supplier<Optional<RoleCredentialsIssuer>> issuer,
                         CredentialSource credentials, Supplier<Optional<EcsCalls>> ecs, Supplier<Optional<QueueMessages>> queues,
                         Supplier<Optional<MetricSink>> metricSink) {
        this.rules = new BusRules(records, store);
        RuleMetrics metrics = new RuleMetrics(metricSink, clock, RuleMetrics.configuredInterval());
        // ingestion wakes the loop, whose bus targets ingest again: wake() reads the loop when called
        this.ingestion = new EventIngestion(records, rules, clock, this::wake, metrics.counts());
        TargetDelivery targets = new TargetDelivery(new ServiceRoleCallers(TargetDelivery.PRINCIPAL, issuer, credentials, clock),
                ecs, queues, ingestion);
        DeliveryLoop pass = new DeliveryLoop(records, targets, clock, metrics);
        this.loop = new WakeableLoop("events-delivery", store, clock, List.of(EventsRecords.RULES, EventsRecords.DELIVERIES),
                Duration.ofMillis(50), pass::pass);
        this.clock = clock;
    }

    public EventIngestion ingestion() {
        return ingestion;
    }

    /** Starts delivering, and subscribes to the services' events that are running. */
    public void start(Optional<BucketEvents> buckets, Optional<TaskStateChanges> tasks) {
        sources = new ServiceEventSources(ingestion, buckets, tasks, clock);
        loop.start();
    }

    public void wake() {
        loop.wake();
    }

    @Override
    public void close() {
        if (sources != null) sources.close();
        loop.close();
        rules.close();
    }
}
