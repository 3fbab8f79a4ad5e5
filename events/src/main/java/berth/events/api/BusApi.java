package berth.events.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.events.core.EventBus;
import berth.events.state.EventsRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.DeleteEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.UpdateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.UpdateEventBusResponse;

/** CreateEventBus, DescribeEventBus, UpdateEventBus, ListEventBuses and DeleteEventBus. */
final class BusApi {
    private final EventsRecords records;
    private final Buses buses;
    private final Clock clock;

    BusApi(EventsRecords records, Buses buses, Clock clock) {
        this.records = records;
        this.buses = buses;
        this.clock = clock;
    }

    CreateEventBusResponse create(CreateEventBusRequest r, RequestContext context) {
        Scope scope = context.scope();
        if (r.eventSourceName() != null) {
            throw EventsErrors.invalid("EventSourceName " + r.eventSourceName() + " cannot be used: berth has no partner event sources.");
        }
        if (r.kmsKeyIdentifier() != null) {
            throw EventsErrors.invalid("KmsKeyIdentifier cannot be used: berth has no AWS KMS; events are kept with berth's own key.");
        }
        if (r.deadLetterConfig() != null || r.logConfig() != null) {
            throw EventsErrors.invalid((r.deadLetterConfig() != null ? "DeadLetterConfig" : "LogConfig")
                    + " on an event bus is not supported; give a dead-letter queue to each target instead.");
        }
        if (r.name().contains("/") || r.name().startsWith("aws.")) {
            throw EventsErrors.invalid("Event bus name " + r.name() + " is not valid: names of buses for partner event sources"
                    + " (aws.…) and names with '/' cannot be created.");
        }
        if (r.name().equals(EventBus.DEFAULT) || records.bus(scope, r.name()).isPresent()) {
            throw EventsErrors.RESOURCE_ALREADY_EXISTS.exception("Event bus " + r.name() + " already exists.");
        }
        long now = clock.millis();
        EventBus bus = new EventBus(scope.accountId(), scope.region(), r.name(), EventBus.arn(scope.accountId(), scope.region(), r.name()),
                r.description() == null ? "" : r.description(), now, now, TagApi.tags(r.tags()));
        try {
            records.saveBus(bus, Store.ABSENT);
        } catch (VersionConflict e) {
            throw EventsErrors.RESOURCE_ALREADY_EXISTS.exception("Event bus " + r.name() + " already exists.");
        }
        return CreateEventBusResponse.builder().eventBusArn(bus.arn()).description(r.description()).build();
    }

    DescribeEventBusResponse describe(DescribeEventBusRequest r, RequestContext context) {
        EventBus bus = buses.find(context.scope(), Buses.name(r.name(), context.scope())).value();
        return DescribeEventBusResponse.builder().name(bus.name()).arn(bus.arn())
                .description(bus.description().isEmpty() ? null : bus.description())
                .creationTime(bus.createdMillis() == 0 ? null : Instant.ofEpochMilli(bus.createdMillis()))
                .lastModifiedTime(bus.modifiedMillis() == 0 ? null : Instant.ofEpochMilli(bus.modifiedMillis())).build();
    }

    UpdateEventBusResponse update(UpdateEventBusRequest r, RequestContext context) {
        if (r.kmsKeyIdentifier() != null || r.deadLetterConfig() != null || r.logConfig() != null) {
            throw EventsErrors.invalid("Only an event bus's Description can be updated in berth: it has no AWS KMS, and"
                    + " dead-letter queues belong to targets.");
        }
        Scope scope = context.scope();
        Versioned<EventBus> found = buses.find(scope, Buses.name(r.name(), scope));
        EventBus updated = found.value().withDescription(r.description() == null ? "" : r.description(), clock.millis());
        try {
            records.saveBus(updated, found.version());
        } catch (VersionConflict e) {
            throw EventsErrors.changed("Event bus " + updated.name());
        }
        return UpdateEventBusResponse.builder().name(updated.name()).arn(updated.arn())
                .description(updated.description().isEmpty() ? null : updated.description()).build();
    }

    ListEventBusesResponse list(ListEventBusesRequest r, RequestContext context) {
        Scope scope = context.scope();
        List<EventBus> all = new ArrayList<>(records.buses(scope));
        if (all.stream().noneMatch(b -> b.name().equals(EventBus.DEFAULT))) {
            all.add(EventBus.defaultOf(scope.accountId(), scope.region()));
        }
        List<EventBus> matching = all.stream().filter(b -> r.namePrefix() == null || b.name().startsWith(r.namePrefix()))
                .sorted(Comparator.comparing(EventBus::name)).toList();
        Page<EventBus> page = Page.of(matching, r.nextToken(), r.limit(), 100, 100, EventBus::name);
        return ListEventBusesResponse.builder().nextToken(page.nextToken().orElse(null)).eventBuses(page.items().stream()
                .map(b -> software.amazon.awssdk.services.eventbridge.model.EventBus.builder().name(b.name()).arn(b.arn())
                        .description(b.description().isEmpty() ? null : b.description())
                        .creationTime(b.createdMillis() == 0 ? null : Instant.ofEpochMilli(b.createdMillis()))
                        .lastModifiedTime(b.modifiedMillis() == 0 ? null : Instant.ofEpochMilli(b.modifiedMillis())).build())
                .toList()).build();
    }

    DeleteEventBusResponse delete(DeleteEventBusRequest r, RequestContext context) {
        Scope scope = context.scope();
        String name = Buses.name(r.name(), scope);
        if (name.equals(EventBus.DEFAULT)) {
            throw EventsErrors.invalid("Cannot delete event bus default.");
        }
        var found = records.bus(scope, name);
        if (found.isEmpty()) {
            return DeleteEventBusResponse.builder().build();
        }
        if (!records.rules(scope, name).isEmpty()) {
            throw EventsErrors.invalid("Event bus " + name + " cannot be deleted since it has rules; delete them first.");
        }
        try {
            records.deleteBus(found.get().value(), found.get().version());
        } catch (VersionConflict e) {
            throw EventsErrors.changed("Event bus " + name);
        }
        return DeleteEventBusResponse.builder().build();
    }
}
