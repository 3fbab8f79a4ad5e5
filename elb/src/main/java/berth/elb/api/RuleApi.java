package berth.elb.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.elb.core.Action;
import berth.elb.core.Condition;
import berth.elb.core.ConditionRules;
import berth.elb.core.ElbError;
import berth.elb.core.Listener;
import berth.elb.core.LoadBalancer;
import berth.elb.core.Rule;
import berth.elb.state.ElbRecords;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** CreateRule, DescribeRules, ModifyRule, DeleteRule and SetRulePriorities. */
final class RuleApi {
    private static final Logger LOG = LoggerFactory.getLogger(RuleApi.class);

    private final ElbRecords records;
    private final ElbLookup lookup;
    private final ElbIds ids;
    private final ActionCheck actions;
    private final Runnable changed;

    RuleApi(ElbRecords records, ElbLookup lookup, ElbIds ids, ActionCheck actions, Runnable changed) {
        this.records = records;
        this.lookup = lookup;
        this.ids = ids;
        this.actions = actions;
        this.changed = changed;
    }

    CreateRuleResponse create(CreateRuleRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Listener listener = lookup.listener(ctx, request.listenerArn()).value();
        LoadBalancer lb = lookup.loadBalancer(ctx, listener.loadBalancerArn()).value();
        if (lb.type() != berth.elb.core.LoadBalancerType.APPLICATION) {
            throw ElbError.OPERATION_NOT_PERMITTED.exception("Rules can only be added to listeners of application load balancers");
        }
        if (request.hasTransforms() && !request.transforms().isEmpty()) throw ElbErrors.unsupported("rule transforms");
        if (request.priority() == null) throw ElbError.VALIDATION.exception("A rule priority must be specified");
        List<Condition> conditions = ConditionMapping.fromSdk(request.conditions());
        ConditionRules.validate(conditions);
        List<Action> ruleActions = ActionMapping.fromSdk(request.actions());
        actions.check(ruleActions, lb, ctx);
        Map<String, String> tags = TagMapping.fromSdk(request.tags());
        List<Rule> existing = records.rules.list(ElbRecords.children(scope, listener.id()));
        for (Rule r : existing) {
            if (r.priority() == request.priority()) throw priorityInUse(request.priority());
        }
        int rulesOfLoadBalancer = 0;
        for (Listener l : records.listeners.list(ElbRecords.children(scope, lb.id()))) {
            rulesOfLoadBalancer += records.rules.list(ElbRecords.children(scope, l.id())).size();
        }
        if (rulesOfLoadBalancer >= Rule.MAX_RULES_PER_LOAD_BALANCER) {
            throw ElbError.TOO_MANY_RULES.exception("You have reached the limit of " + Rule.MAX_RULES_PER_LOAD_BALANCER
                    + " rules per load balancer");
        }
        Rule rule = new Rule(scope.accountId(), scope.region(), lb.type(), lb.name(), lb.id(), listener.id(), ids.next(),
                request.priority(), conditions, ruleActions, tags);
        records.rules.save(rule, Store.ABSENT);
        changed.run();
        LOG.info("created rule {} (priority {})", rule.arn(), rule.priority());
        return CreateRuleResponse.builder().rules(Shapes.rule(rule)).build();
    }

    DescribeRulesResponse describe(DescribeRulesRequest request, RequestContext ctx) {
        boolean byArns = request.hasRuleArns() && !request.ruleArns().isEmpty();
        if (byArns == (request.listenerArn() != null)) {
            throw ElbError.VALIDATION.exception("You must specify either rule ARNs or a listener ARN");
        }
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule> found = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        if (byArns) {
            for (String arn : request.ruleArns()) {
                var rule = lookup.findRule(ctx, arn);
                if (rule.isPresent()) {
                    found.add(Shapes.rule(rule.get().value()));
                    keys.add(pageKey(rule.get().value().priority(), rule.get().value().id()));
                    continue;
                }
                Listener owner = lookup.listenerOfDefaultRule(ctx, arn).orElseThrow(() -> ElbErrors.ruleNotFound(arn)).value();
                found.add(Shapes.defaultRule(owner));
                keys.add(pageKey(Rule.MAX_PRIORITY + 1, owner.defaultRuleId()));
            }
        } else {
            Listener listener = lookup.listener(ctx, request.listenerArn()).value();
            for (Rule r : records.rules.list(ElbRecords.children(ctx.scope(), listener.id()))) {
                found.add(Shapes.rule(r));
                keys.add(pageKey(r.priority(), r.id()));
            }
            found.add(Shapes.defaultRule(listener));
            keys.add(pageKey(Rule.MAX_PRIORITY + 1, listener.defaultRuleId()));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) order.add(i);
        order.sort((a, b) -> keys.get(a).compareTo(keys.get(b)));
        Page<Integer> page = Page.of(order, request.marker(), request.pageSize(), 400, 400, keys::get);
        return DescribeRulesResponse.builder().rules(page.items().stream().map(found::get).toList())
                .nextMarker(page.nextToken().orElse(null)).build();
    }

    private static String pageKey(int priority, String id) {
        return String.format("%05d/%s", priority, id);
    }

    ModifyRuleResponse modify(ModifyRuleRequest request, RequestContext ctx) {
        if (request.hasTransforms() && !request.transforms().isEmpty()) throw ElbErrors.unsupported("rule transforms");
        boolean newConditions = request.hasConditions() && !request.conditions().isEmpty();
        boolean newActions = request.hasActions() && !request.actions().isEmpty();
        var found = lookup.findRule(ctx, request.ruleArn());
        if (found.isEmpty()) {
            RecordTable.Versioned<Listener> owner = lookup.listenerOfDefaultRule(ctx, request.ruleArn())
                    .orElseThrow(() -> ElbErrors.ruleNotFound(request.ruleArn()));
            if (newConditions) throw ElbError.OPERATION_NOT_PERMITTED.exception("The conditions of a default rule cannot be modified");
            Listener listener = owner.value();
            if (newActions) {
                List<Action> changedActions = ActionMapping.fromSdk(request.actions());
                actions.check(changedActions, lookup.loadBalancer(ctx, listener.loadBalancerArn()).value(), ctx);
                listener = listener.withPortProtocolActions(listener.port(), listener.protocol(), changedActions);
                records.listeners.save(listener, owner.version());
                changed.run();
            }
            return ModifyRuleResponse.builder().rules(Shapes.defaultRule(listener)).build();
        }
        Rule rule = found.get().value();
        List<Condition> conditions = newConditions ? ConditionMapping.fromSdk(request.conditions()) : rule.conditions();
        ConditionRules.validate(conditions);
        List<Action> ruleActions = newActions ? ActionMapping.fromSdk(request.actions()) : rule.actions();
        actions.check(ruleActions, lookup.loadBalancer(ctx, rule.loadBalancerArn()).value(), ctx);
        Rule updated = rule.withConditionsAndActions(conditions, ruleActions);
        records.rules.save(updated, found.get().version());
        changed.run();
        return ModifyRuleResponse.builder().rules(Shapes.rule(updated)).build();
    }

    DeleteRuleResponse delete(DeleteRuleRequest request, RequestContext ctx) {
        var found = lookup.findRule(ctx, request.ruleArn());
        if (found.isEmpty()) {
            if (lookup.listenerOfDefaultRule(ctx, request.ruleArn()).isPresent()) {
                throw ElbError.OPERATION_NOT_PERMITTED.exception("Default rule '" + request.ruleArn() + "' cannot be deleted");
            }
            throw ElbErrors.ruleNotFound(request.ruleArn());
        }
        records.commit(List.of(records.rules.delete(records.rules.keyOf(found.get().value()), found.get().version())));
        changed.run();
        LOG.info("deleted rule {}", request.ruleArn());
        return DeleteRuleResponse.builder().build();
    }

    SetRulePrioritiesResponse setPriorities(SetRulePrioritiesRequest request, RequestContext ctx) {
        Map<String, RecordTable.Versioned<Rule>> changing = new HashMap<>();
        Map<String, Integer> wanted = new HashMap<>();
        for (RulePriorityPair pair : request.rulePriorities()) {
            if (pair.ruleArn() == null || pair.priority() == null) {
                throw ElbError.VALIDATION.exception("Each rule priority pair needs a rule ARN and a priority");
            }
            var found = lookup.findRule(ctx, pair.ruleArn());
            if (found.isEmpty()) {
                if (lookup.listenerOfDefaultRule(ctx, pair.ruleArn()).isPresent()) {
                    throw ElbError.OPERATION_NOT_PERMITTED.exception("The priority of the default rule cannot be changed");
                }
                throw ElbErrors.ruleNotFound(pair.ruleArn());
            }
            if (wanted.put(pair.ruleArn(), pair.priority()) != null) {
                throw ElbError.VALIDATION.exception("Rule '" + pair.ruleArn() + "' is specified more than once");
            }
            changing.put(pair.ruleArn(), found.get());
        }
        Map<String, Map<Integer, String>> byListener = new HashMap<>();
        List<Write> writes = new ArrayList<>();
        List<Rule> updated = new ArrayList<>();
        for (var entry : changing.entrySet()) {
            Rule rule = entry.getValue().value();
            Map<Integer, String> taken = byListener.computeIfAbsent(rule.listenerId(), id -> {
                Map<Integer, String> current = new HashMap<>();
                for (Rule r : records.rules.list(ElbRecords.children(ctx.scope(), id))) {
                    if (!wanted.containsKey(r.arn())) current.put(r.priority(), r.arn());
                }
                return current;
            });
            int priority = wanted.get(entry.getKey());
            if (taken.putIfAbsent(priority, rule.arn()) != null) throw priorityInUse(priority);
            Rule changedRule = rule.withPriority(priority);
            updated.add(changedRule);
            writes.add(records.rules.put(changedRule, entry.getValue().version()));
        }
        records.commit(writes);
        changed.run();
        updated.sort(java.util.Comparator.comparingInt(Rule::priority));
        return SetRulePrioritiesResponse.builder().rules(updated.stream().map(Shapes::rule).toList()).build();
    }

    private static berth.elb.core.ElbException priorityInUse(int priority) {
        return ElbError.PRIORITY_IN_USE.exception("Priority '" + priority + "' is currently in use");
    }
}
