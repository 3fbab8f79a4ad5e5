package berth.ec2.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Tag;
import berth.ec2.state.Ec2Records;
import berth.platform.RecordTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** CreateTags, DeleteTags and DescribeTags over every taggable kind, found by its id's prefix. */
final class TagApi {
    private final Ec2Records records;

    TagApi(Ec2Records records) {
        this.records = records;
    }

    /** One taggable kind: its table, its EC2 resource type, and how its tags are read and replaced. */
    private record Kind<T>(String prefix, String resourceType, RecordTable<T> table, Function<T, String> id,
                           Function<T, List<Tag>> tags, BiFunction<T, List<Tag>, T> withTags) {}

    private List<Kind<?>> kinds() {
        return List.of(
                new Kind<>("vpc-", "vpc", records.vpcs, v -> v.id(), v -> v.tags(), (v, t) -> v.withTags(t)),
                new Kind<>("subnet-", "subnet", records.subnets, s -> s.id(), s -> s.tags(), (s, t) -> s.withTags(t)),
                new Kind<>("sg-", "security-group", records.groups, g -> g.id(), g -> g.tags(), (g, t) -> g.withTags(t)),
                new Kind<>("i-", "instance", records.instances, i -> i.id(), i -> i.tags(), (i, t) -> i.withTags(t)),
                new Kind<>("lt-", "launch-template", records.templates, l -> l.id(), l -> l.tags(), (l, t) -> l.withTags(t)));
    }

    CreateTagsResponse create(CreateTagsRequest request, RequestContext ctx) {
        List<Tag> added = Shapes.fromSdk(request.tags());
        Tagging.checked(List.of(), added);
        for (String id : request.resources()) {
            change(ctx.scope(), id, tags -> {
                Tagging.checked(tags, added);
                return Tag.with(tags, added);
            });
        }
        return CreateTagsResponse.builder().build();
    }

    DeleteTagsResponse delete(DeleteTagsRequest request, RequestContext ctx) {
        Map<String, Optional<String>> removed = new LinkedHashMap<>();
        request.tags().forEach(t -> removed.put(t.key(), Optional.ofNullable(t.value())));
        for (String id : request.resources()) {
            change(ctx.scope(), id, tags -> removed.isEmpty() ? List.of() : Tag.without(tags, removed));
        }
        return DeleteTagsResponse.builder().build();
    }

    DescribeTagsResponse describe(DescribeTagsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        request.filters().forEach(f -> filters.put(f.name(), f.values()));
        for (String name : filters.keySet()) {
            if (!List.of("key", "value", "resource-id", "resource-type").contains(name)) {
                throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("The filter '" + name + "' is invalid");
            }
        }
        List<TagDescription> out = new ArrayList<>();
        for (Kind<?> kind : kinds()) collect(scope, kind, filters, out);
        out.sort(java.util.Comparator.comparing(TagDescription::resourceId).thenComparing(TagDescription::key));
        return DescribeTagsResponse.builder().tags(out).build();
    }

    private <T> void collect(Scope scope, Kind<T> kind, Map<String, List<String>> filters, List<TagDescription> out) {
        for (T resource : kind.table().list(scope.prefix())) {
            for (Tag tag : kind.tags().apply(resource)) {
                String id = kind.id().apply(resource);
                if (matches(filters, "key", tag.key()) && matches(filters, "value", tag.value())
                        && matches(filters, "resource-id", id) && matches(filters, "resource-type", kind.resourceType())) {
                    out.add(TagDescription.builder().resourceId(id).resourceType(kind.resourceType()).key(tag.key())
                            .value(tag.value()).build());
                }
            }
        }
    }

    private static boolean matches(Map<String, List<String>> filters, String name, String value) {
        return !filters.containsKey(name) || filters.get(name).contains(value);
    }

    private void change(Scope scope, String id, java.util.function.UnaryOperator<List<Tag>> change) {
        for (Kind<?> kind : kinds()) {
            if (id.startsWith(kind.prefix())) {
                apply(scope, kind, id, change);
                return;
            }
        }
        throw Ec2Errors.INVALID_ID.exception("The ID '" + id + "' is not valid");
    }

    private <T> void apply(Scope scope, Kind<T> kind, String id, java.util.function.UnaryOperator<List<Tag>> change) {
        kind.table().update(scope.key(id), r -> kind.withTags().apply(r, change.apply(kind.tags().apply(r))))
                .orElseThrow(() -> notFound(kind, id));
    }

    private static RuntimeException notFound(Kind<?> kind, String id) {
        return switch (kind.resourceType()) {
            case "vpc" -> Ec2Errors.vpcNotFound(id);
            case "subnet" -> Ec2Errors.subnetNotFound(id);
            case "security-group" -> Ec2Errors.groupNotFound(id);
            case "instance" -> Ec2Errors.instanceNotFound(id);
            default -> Ec2Errors.TEMPLATE_ID_NOT_FOUND.exception("The specified launch template, with template ID " + id
                    + ", does not exist.");
        };
    }
}
