package berth.events.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.events.core.Rule;
import berth.events.core.Target;
import berth.events.state.EventsRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.VersionConflict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResponse;

/** PutTargets, RemoveTargets and ListTargetsByRule: a rule's targets are kept in its record (at most five). */
final class TargetApi {
    private final EventsRecords records;
    private final RuleApi rules;
    private final RolePassing passing;
    private final Runnable changed;

    TargetApi(EventsRecords records, RuleApi rules, RolePassing passing, Runnable changed) {
        this.records = records;
        this.rules = rules;
        this.passing = passing;
        this.changed = changed;
    }

    PutTargetsResponse put(PutTargetsRequest r, RequestContext context) {
        Scope scope = context.scope();
        Versioned<Rule> found = rules.find(scope, r.eventBusName(), r.rule());
        Rule rule = found.value();
        Map<String, Target> targets = new LinkedHashMap<>();
        rule.targets().forEach(t -> targets.put(t.id(), t));
        for (var given : r.targets()) {
            Target target = TargetRules.toCore(given, rule.roleArn(), scope);
            if (given.roleArn() != null) passing.require(context.caller(), given.roleArn());
            targets.put(target.id(), target);
        }
        if (targets.size() > Rule.MAX_TARGETS) {
            throw EventsErrors.LIMIT_EXCEEDED.exception("The requested resource exceeds the maximum number allowed.");
        }
        try {
            records.saveRule(rule.withTargets(new ArrayList<>(targets.values())), found.version());
        } catch (VersionConflict e) {
            throw EventsErrors.changed("Rule " + rule.name());
        }
        changed.run();
        return PutTargetsResponse.builder().failedEntryCount(0).failedEntries(List.of()).build();
    }

    RemoveTargetsResponse remove(RemoveTargetsRequest r, RequestContext context) {
        Versioned<Rule> found = rules.find(context.scope(), r.eventBusName(), r.rule());
        Rule rule = found.value();
        List<Target> left = rule.targets().stream().filter(t -> !r.ids().contains(t.id())).toList();
        try {
            records.saveRule(rule.withTargets(left), found.version());
        } catch (VersionConflict e) {
            throw EventsErrors.changed("Rule " + rule.name());
        }
        changed.run();
        return RemoveTargetsResponse.builder().failedEntryCount(0).failedEntries(List.of()).build();
    }

    ListTargetsByRuleResponse list(ListTargetsByRuleRequest r, RequestContext context) {
        Rule rule = rules.find(context.scope(), r.eventBusName(), r.rule()).value();
        List<Target> sorted = rule.targets().stream().sorted(java.util.Comparator.comparing(Target::id)).toList();
        Page<Target> page = Page.of(sorted, r.nextToken(), r.limit(), 100, 100, Target::id);
        return ListTargetsByRuleResponse.builder().nextToken(page.nextToken().orElse(null))
                .targets(page.items().stream().map(TargetRules::toSdk).toList()).build();
    }
}
