package berth.events.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.events.core.EventBus;
import berth.events.core.EventPattern;
import berth.events.core.Rule;
import berth.events.state.EventsRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import berth.store.VersionConflict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.model.DeleteRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetRequest;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.TestEventPatternRequest;
import software.amazon.awssdk.services.eventbridge.model.TestEventPatternResponse;

/** PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, ListRuleNamesByTarget and TestEventPattern. */
final class RuleApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The members TestEventPattern's event must have, as AWS requires them. */
    private static final List<String> EVENT_FIELDS = List.of("id", "account", "source", "time", "region", "resources", "detail-type");

    private final EventsRecords records;
    private final Buses buses;
    private final RolePassing passing;
    private final Clock clock;
    private final Runnable changed;

    RuleApi(EventsRecords records, Buses buses, RolePassing passing, Clock clock, Runnable changed) {
        this.records = records;
        this.buses = buses;
        this.passing = passing;
        this.clock = clock;
        this.changed = changed;
    }

    PutRuleResponse put(PutRuleRequest r, RequestContext context) {
        Scope scope = context.scope();
        String bus = buses.require(scope, r.eventBusName());
        String pattern = r.eventPattern() == null ? "" : r.eventPattern();
        String schedule = r.scheduleExpression() == null ? "" : r.scheduleExpression();
        if (pattern.isEmpty() && schedule.isEmpty()) {
            throw EventsErrors.invalid("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (!pattern.isEmpty()) compile(pattern);
        if (!schedule.isEmpty()) {
            if (!bus.equals(EventBus.DEFAULT)) {
                throw EventsErrors.invalid("ScheduleExpression is supported only on the default event bus.");
            }
            checkSchedule(schedule);
        }
        if (r.roleArn() != null) {
            passing.require(context.caller(), r.roleArn());
        }
        Rule.State state = r.state() == null ? Rule.State.ENABLED : Rule.State.valueOf(r.stateAsString());
        long now = clock.millis();
        Optional<Versioned<Rule>> existing = records.rule(scope, bus, r.name());
        Rule before = existing.map(Versioned::value).orElse(null);
        Map<String, String> tags = new java.util.TreeMap<>(before == null ? Map.of() : before.tags());
        tags.putAll(TagApi.tags(r.tags()));
        boolean sameSchedule = before != null && before.scheduleExpression().equals(schedule);
        Rule rule = new Rule(scope.accountId(), scope.region(), bus, r.name(), Rule.arn(scope.accountId(), scope.region(), bus, r.name()),
                r.description() == null ? "" : r.description(), pattern, schedule, state,
                r.roleArn() == null ? "" : r.roleArn(), "", before == null ? List.of() : before.targets(),
                sameSchedule ? before.cursorMillis() : now, sameSchedule ? before.anchorMillis() : now,
                before == null ? now : before.createdMillis(), tags);
        try {
            records.saveRule(rule, existing.map(Versioned::version).orElse(Store.ABSENT));
        } catch (VersionConflict e) {
            throw EventsErrors.changed("Rule " + r.name());
        }
        changed.run();
        return PutRuleResponse.builder().ruleArn(rule.arn()).build();
    }

    DescribeRuleResponse describe(DescribeRuleRequest r, RequestContext context) {
        Rule rule = find(context.scope(), r.eventBusName(), r.name()).value();
        return DescribeRuleResponse.builder().name(rule.name()).arn(rule.arn()).eventBusName(rule.bus())
                .eventPattern(blank(rule.eventPattern())).scheduleExpression(blank(rule.scheduleExpression()))
                .state(rule.state().name()).description(blank(rule.description())).roleArn(blank(rule.roleArn()))
                .createdBy(rule.accountId()).build();
    }

    ListRulesResponse list(ListRulesRequest r, RequestContext context) {
        Scope scope = context.scope();
        String bus = buses.require(scope, r.eventBusName());
        List<Rule> matching = records.rules(scope, bus).stream()
                .filter(rule -> r.namePrefix() == null || rule.name().startsWith(r.namePrefix())).toList();
        Page<Rule> page = Page.of(matching, r.nextToken(), r.limit(), 100, 100, Rule::name);
        return ListRulesResponse.builder().nextToken(page.nextToken().orElse(null)).rules(page.items().stream()
                .map(rule -> software.amazon.awssdk.services.eventbridge.model.Rule.builder().name(rule.name()).arn(rule.arn())
                        .eventBusName(rule.bus()).eventPattern(blank(rule.eventPattern()))
                        .scheduleExpression(blank(rule.scheduleExpression())).state(rule.state().name())
                        .description(blank(rule.description())).roleArn(blank(rule.roleArn())).build()).toList()).build();
    }

    EnableRuleResponse enable(EnableRuleRequest r, RequestContext context) {
        setState(context.scope(), r.eventBusName(), r.name(), Rule.State.ENABLED);
        return EnableRuleResponse.builder().build();
    }

    DisableRuleResponse disable(DisableRuleRequest r, RequestContext context) {
        setState(context.scope(), r.eventBusName(), r.name(), Rule.State.DISABLED);
        return DisableRuleResponse.builder().build();
    }

    DeleteRuleResponse delete(DeleteRuleRequest r, RequestContext context) {
        Scope scope = context.scope();
        String bus = buses.require(scope, r.eventBusName());
        Optional<Versioned<Rule>> found = records.rule(scope, bus, r.name());
        if (found.isEmpty()) return DeleteRuleResponse.builder().build();
        if (!found.get().value().targets().isEmpty()) {
            throw EventsErrors.invalid("Rule can't be deleted since it has targets.");
        }
        try {
            records.deleteRule(found.get().value(), found.get().version());
        } catch (VersionConflict e) {
            throw EventsErrors.changed("Rule " + r.name());
        }
        changed.run();
        return DeleteRuleResponse.builder().build();
    }

    ListRuleNamesByTargetResponse byTarget(ListRuleNamesByTargetRequest r, RequestContext context) {
        Scope scope = context.scope();
        String bus = buses.require(scope, r.eventBusName());
        List<Rule> matching = records.rules(scope, bus).stream()
                .filter(rule -> rule.targets().stream().anyMatch(t -> t.arn().equals(r.targetArn()))).toList();
        Page<Rule> page = Page.of(matching, r.nextToken(), r.limit(), 100, 100, Rule::name);
        return ListRuleNamesByTargetResponse.builder().nextToken(page.nextToken().orElse(null))
                .ruleNames(page.items().stream().map(Rule::name).toList()).build();
    }

    TestEventPatternResponse test(TestEventPatternRequest r, RequestContext context) {
        EventPattern pattern = compile(r.eventPattern());
        JsonNode event;
        try {
            event = JSON.readTree(r.event());
        } catch (IOException e) {
            throw EventsErrors.invalid("Parameter Event is not valid: it is not JSON.");
        }
        if (event == null || !event.isObject()) {
            throw EventsErrors.invalid("Parameter Event is not valid: it is not a JSON object.");
        }
        for (String field : EVENT_FIELDS) {
            if (!event.has(field)) {
                throw EventsErrors.invalid("Parameter Event is not valid. Reason: Provided Event is missing required field " + field + ".");
            }
        }
        return TestEventPatternResponse.builder().result(pattern.matches(event)).build();
    }

    static EventPattern compile(String pattern) {
        try {
            return EventPattern.parse(pattern);
        } catch (EventPattern.InvalidEventPattern e) {
            throw EventsErrors.INVALID_EVENT_PATTERN.exception("Event pattern is not valid. Reason: " + e.getMessage());
        }
    }

    /** A rule's schedule: rate (at least one minute, singular unit for 1) or cron; EventBridge rules have no at(). */
    static void checkSchedule(String schedule) {
        berth.aws.text.Schedule parsed;
        try {
            parsed = berth.aws.text.Schedule.parse(schedule);
        } catch (berth.aws.text.Schedule.Invalid e) {
            throw EventsErrors.invalid("Parameter ScheduleExpression is not valid.");
        }
        if (parsed instanceof berth.aws.text.Schedule.At) {
            throw EventsErrors.invalid("Parameter ScheduleExpression is not valid.");
        }
        if (schedule.startsWith("rate(")) {
            String[] parts = schedule.substring(5, schedule.length() - 1).strip().split("\\s+");
            boolean one = parts[0].equals("1");
            if (one == parts[1].endsWith("s")) {
                throw EventsErrors.invalid("Parameter ScheduleExpression is not valid.");
            }
        }
    }

    private void setState(Scope scope, String busName, String name, Rule.State state) {
        Versioned<Rule> found = find(scope, busName, name);
        try {
            records.saveRule(found.value().withState(state), found.version());
        } catch (VersionConflict e) {
            throw EventsErrors.changed("Rule " + name);
        }
        changed.run();
    }

    Versioned<Rule> find(Scope scope, String busName, String name) {
        String bus = buses.require(scope, busName);
        return records.rule(scope, bus, name).orElseThrow(() -> EventsErrors.noRule(name, bus));
    }

    private static String blank(String value) {
        return value.isEmpty() ? null : value;
    }
}
