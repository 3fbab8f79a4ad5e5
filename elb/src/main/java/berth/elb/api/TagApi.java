package berth.elb.api;

import berth.aws.RequestContext;
import berth.elb.core.ElbArns;
import berth.elb.core.ElbError;
import berth.platform.RecordTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** AddTags, RemoveTags and DescribeTags on load balancers, target groups, listeners and rules. */
final class TagApi {
    private static final int MAX_RESOURCES = 20;

    private final ElbLookup lookup;
    private final berth.elb.state.ElbRecords records;

    TagApi(berth.elb.state.ElbRecords records, ElbLookup lookup) {
        this.records = records;
        this.lookup = lookup;
    }

    AddTagsResponse add(AddTagsRequest request, RequestContext ctx) {
        Map<String, String> added = TagMapping.fromSdk(request.tags());
        if (added.isEmpty()) throw ElbError.VALIDATION.exception("At least one tag must be specified");
        for (String arn : resources(request.resourceArns())) {
            change(ctx, arn, tags -> {
                Map<String, String> merged = new LinkedHashMap<>(tags);
                merged.putAll(added);
                return TagMapping.checkedCount(merged);
            });
        }
        return AddTagsResponse.builder().build();
    }

    RemoveTagsResponse remove(RemoveTagsRequest request, RequestContext ctx) {
        for (String arn : resources(request.resourceArns())) {
            change(ctx, arn, tags -> {
                Map<String, String> kept = new LinkedHashMap<>(tags);
                request.tagKeys().forEach(kept::remove);
                return kept;
            });
        }
        return RemoveTagsResponse.builder().build();
    }

    DescribeTagsResponse describe(DescribeTagsRequest request, RequestContext ctx) {
        List<TagDescription> descriptions = new ArrayList<>();
        for (String arn : resources(request.resourceArns())) {
            descriptions.add(TagDescription.builder().resourceArn(arn).tags(Shapes.tags(tags(ctx, arn))).build());
        }
        return DescribeTagsResponse.builder().tagDescriptions(descriptions).build();
    }

    private static List<String> resources(List<String> arns) {
        if (arns.isEmpty()) throw ElbError.VALIDATION.exception("At least one resource ARN must be specified");
        if (arns.size() > MAX_RESOURCES) {
            throw ElbError.VALIDATION.exception("At most " + MAX_RESOURCES + " resource ARNs can be specified");
        }
        return arns;
    }

    private Map<String, String> tags(RequestContext ctx, String arn) {
        return switch (type(arn)) {
            case "loadbalancer" -> lookup.loadBalancer(ctx, arn).value().tags();
            case "targetgroup" -> lookup.targetGroup(ctx, arn).value().tags();
            case "listener" -> lookup.listener(ctx, arn).value().tags();
            default -> lookup.findRule(ctx, arn).orElseThrow(() -> ElbErrors.ruleNotFound(arn)).value().tags();
        };
    }

    private void change(RequestContext ctx, String arn, UnaryOperator<Map<String, String>> change) {
        switch (type(arn)) {
            case "loadbalancer" -> update(records.loadBalancers, records.loadBalancers.keyOf(lookup.loadBalancer(ctx, arn).value()),
                    lb -> lb.withTags(change.apply(lb.tags())), () -> ElbErrors.loadBalancerNotFound(arn));
            case "targetgroup" -> update(records.targetGroups, records.targetGroups.keyOf(lookup.targetGroup(ctx, arn).value()),
                    tg -> tg.withTags(change.apply(tg.tags())), () -> ElbErrors.targetGroupNotFound(arn));
            case "listener" -> update(records.listeners, records.listeners.keyOf(lookup.listener(ctx, arn).value()),
                    l -> l.withTags(change.apply(l.tags())), () -> ElbErrors.listenerNotFound(arn));
            default -> update(records.rules, records.rules.keyOf(lookup.findRule(ctx, arn)
                            .orElseThrow(() -> ElbErrors.ruleNotFound(arn)).value()),
                    r -> r.withTags(change.apply(r.tags())), () -> ElbErrors.ruleNotFound(arn));
        }
    }

    private static <T> void update(RecordTable<T> table, String key, UnaryOperator<T> change,
                                   java.util.function.Supplier<berth.elb.core.ElbException> missing) {
        table.update(key, change).orElseThrow(missing);
    }

    private static String type(String arn) {
        return ElbArns.parse(arn).map(ElbArns.Parsed::type)
                .filter(t -> List.of("loadbalancer", "targetgroup", "listener", "listener-rule").contains(t))
                .orElseThrow(() -> ElbError.VALIDATION.exception("'" + arn + "' is not a valid Elastic Load Balancing resource ARN"));
    }
}
