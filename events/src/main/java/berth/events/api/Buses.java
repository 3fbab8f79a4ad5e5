package berth.events.api;

import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.events.core.EventBus;
import berth.events.state.EventsRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.util.Optional;

/** Finding a bus by name or ARN within the caller's scope; the default bus always exists. */
final class Buses {
    private final EventsRecords records;

    Buses(EventsRecords records) {
        this.records = records;
    }

    /** The bus's name from a request's EventBusName (a name or an ARN; null for the default bus). */
    static String name(String nameOrArn, Scope scope) {
        if (nameOrArn == null || nameOrArn.isEmpty()) return EventBus.DEFAULT;
        if (!nameOrArn.startsWith("arn:")) return nameOrArn;
        Arn arn = Arn.parse(nameOrArn).filter(a -> a.service().equals("events") && a.resourceType().equals("event-bus"))
                .orElseThrow(() -> EventsErrors.invalid("Parameter EventBusName is not valid: " + nameOrArn + "."));
        if (!arn.accountId().equals(scope.accountId()) || !arn.region().equals(scope.region())) {
            throw EventsErrors.noBus(nameOrArn);
        }
        return arn.resourceName();
    }

    /** The bus, stored or (the default one) synthesized, with the version to save it at. */
    Versioned<EventBus> find(Scope scope, String name) {
        Optional<Versioned<EventBus>> stored = records.bus(scope, name);
        if (stored.isPresent()) return stored.get();
        if (name.equals(EventBus.DEFAULT)) return new Versioned<>(EventBus.defaultOf(scope.accountId(), scope.region()), Store.ABSENT);
        throw EventsErrors.noBus(name);
    }

    /** The bus named by a request's EventBusName, which must exist. */
    String require(Scope scope, String nameOrArn) {
        String name = name(nameOrArn, scope);
        find(scope, name);
        return name;
    }
}
