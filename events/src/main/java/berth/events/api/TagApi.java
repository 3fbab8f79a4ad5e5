package berth.events.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.events.core.EventBus;
import berth.events.core.Rule;
import berth.events.state.EventsRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.VersionConflict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.eventbridge.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.TagResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.TagResourceResponse;
import software.amazon.awssdk.services.eventbridge.model.UntagResourceRequest;
import software.amazon.awssdk.services.eventbridge.model.UntagResourceResponse;

/** TagResource, UntagResource and ListTagsForResource on buses and rules (at most 50 tags each). */
final class TagApi {
    static final int MAX_TAGS = 50;

    private final EventsRecords records;
    private final Buses buses;

    TagApi(EventsRecords records, Buses buses) {
        this.records = records;
        this.buses = buses;
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new TreeMap<>();
        if (tags != null) tags.forEach(t -> out.put(t.key(), t.value()));
        if (out.size() > MAX_TAGS) {
            throw EventsErrors.LIMIT_EXCEEDED.exception("A resource can have at most " + MAX_TAGS + " tags.");
        }
        for (String key : out.keySet()) {
            if (key.startsWith("aws:")) throw EventsErrors.invalid("Tag keys starting with 'aws:' are reserved.");
        }
        return out;
    }

    private static List<Tag> toSdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** A bus or rule named by ARN in the caller's scope. */
    private sealed interface Resource {}

    private record BusResource(Versioned<EventBus> bus) implements Resource {}

    private record RuleResource(Versioned<Rule> rule) implements Resource {}

    private Resource resource(String arnText, Scope scope) {
        Arn arn = Arn.parse(arnText).filter(a -> a.service().equals("events"))
                .orElseThrow(() -> EventsErrors.invalid("Parameter ResourceARN is not valid: " + arnText + "."));
        if (!arn.accountId().equals(scope.accountId()) || !arn.region().equals(scope.region())) {
            throw EventsErrors.RESOURCE_NOT_FOUND.exception("Resource " + arnText + " does not exist.");
        }
        String name = arn.resourceName();
        switch (arn.resourceType()) {
            case "event-bus" -> { return new BusResource(buses.find(scope, name)); }
            case "rule" -> {
                int slash = name.indexOf('/');
                String bus = slash < 0 ? EventBus.DEFAULT : name.substring(0, slash);
                String rule = slash < 0 ? name : name.substring(slash + 1);
                return new RuleResource(records.rule(scope, bus, rule).orElseThrow(() -> EventsErrors.noRule(rule, bus)));
            }
            default -> throw EventsErrors.RESOURCE_NOT_FOUND.exception("Resource " + arnText + " does not exist.");
        }
    }

    TagResourceResponse tag(TagResourceRequest r, RequestContext context) {
        Resource resource = resource(r.resourceARN(), context.scope());
        Map<String, String> added = tags(r.tags());
        save(resource, current -> {
            Map<String, String> merged = new LinkedHashMap<>(current);
            merged.putAll(added);
            if (merged.size() > MAX_TAGS) {
                throw EventsErrors.LIMIT_EXCEEDED.exception("A resource can have at most " + MAX_TAGS + " tags.");
            }
            return merged;
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest r, RequestContext context) {
        Resource resource = resource(r.resourceARN(), context.scope());
        save(resource, current -> {
            Map<String, String> left = new LinkedHashMap<>(current);
            r.tagKeys().forEach(left::remove);
            return left;
        });
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse list(ListTagsForResourceRequest r, RequestContext context) {
        Map<String, String> tags = switch (resource(r.resourceARN(), context.scope())) {
            case BusResource bus -> bus.bus().value().tags();
            case RuleResource rule -> rule.rule().value().tags();
        };
        return ListTagsForResourceResponse.builder().tags(toSdk(new TreeMap<>(tags))).build();
    }

    private void save(Resource resource, java.util.function.UnaryOperator<Map<String, String>> change) {
        try {
            switch (resource) {
                case BusResource bus -> records.saveBus(bus.bus().value().withTags(change.apply(bus.bus().value().tags())),
                        bus.bus().version());
                case RuleResource rule -> records.saveRule(rule.rule().value().withTags(change.apply(rule.rule().value().tags())),
                        rule.rule().version());
            }
        } catch (VersionConflict e) {
            throw EventsErrors.changed("The resource");
        }
    }
}
