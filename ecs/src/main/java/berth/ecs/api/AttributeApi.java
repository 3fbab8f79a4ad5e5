package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.ecs.core.Cluster;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.instance.InstanceAttribute;
import berth.ecs.core.instance.InstanceAttributes;
import berth.ecs.state.ContainerInstanceRecords;
import berth.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesResponse;
import software.amazon.awssdk.services.ecs.model.ListAttributesRequest;
import software.amazon.awssdk.services.ecs.model.ListAttributesResponse;
import software.amazon.awssdk.services.ecs.model.PutAttributesRequest;
import software.amazon.awssdk.services.ecs.model.PutAttributesResponse;

/** PutAttributes, DeleteAttributes and ListAttributes on container instances. */
final class AttributeApi {
    private static final int MAX_PAGE = 100;

    private final ClusterLookup lookup;
    private final ContainerInstanceRecords instances;

    AttributeApi(Store store) {
        this.lookup = new ClusterLookup(store);
        this.instances = new ContainerInstanceRecords(store);
    }

    PutAttributesResponse put(PutAttributesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        Map<String, List<InstanceAttribute>> byTarget = byTarget(cluster, request.attributes());
        List<Attribute> applied = new ArrayList<>();
        for (var target : byTarget.entrySet()) {
            ContainerInstance changed = instances.update(scope, cluster.name(), target.getKey(),
                    i -> i.withAttributes(guarded(() -> InstanceAttributes.put(i.attributes(), target.getValue()))))
                    .orElseThrow(() -> targetNotFound(target.getKey()));
            target.getValue().forEach(a -> applied.add(ContainerInstanceMapping.targeted(a, changed.arn())));
        }
        return PutAttributesResponse.builder().attributes(applied).build();
    }

    DeleteAttributesResponse delete(DeleteAttributesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Cluster cluster = lookup.activeCluster(scope, request.cluster());
        Map<String, List<InstanceAttribute>> byTarget = byTarget(cluster, request.attributes());
        List<Attribute> deleted = new ArrayList<>();
        for (var target : byTarget.entrySet()) {
            List<String> names = target.getValue().stream().map(InstanceAttribute::name).toList();
            ContainerInstance changed = instances.update(scope, cluster.name(), target.getKey(),
                    i -> i.withAttributes(guarded(() -> InstanceAttributes.delete(i.attributes(), names))))
                    .orElseThrow(() -> targetNotFound(target.getKey()));
            target.getValue().forEach(a -> deleted.add(ContainerInstanceMapping.targeted(a, changed.arn())));
        }
        return DeleteAttributesResponse.builder().attributes(deleted).build();
    }

    ListAttributesResponse list(ListAttributesRequest request, RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), request.cluster());
        String name = request.attributeName();
        String value = request.attributeValue();
        if (value != null && name == null) {
            throw EcsErrors.INVALID_PARAMETER.exception("attributeValue can only be specified with attributeName.");
        }
        List<Attribute> matching = new ArrayList<>();
        for (ContainerInstance instance : instances.registered(cluster.scope(), cluster.name())) {
            for (InstanceAttribute attribute : instance.attributes()) {
                if ((name == null || name.equals(attribute.name()))
                        && (value == null || value.equals(attribute.value()))) {
                    matching.add(ContainerInstanceMapping.targeted(attribute, instance.arn()));
                }
            }
        }
        Page<Attribute> page = Page.of(matching, request.nextToken(), request.maxResults(), MAX_PAGE, MAX_PAGE,
                a -> a.targetId() + " " + a.name());
        return ListAttributesResponse.builder().attributes(page.items()).nextToken(page.nextToken().orElse(null))
                .build();
    }

    /** The request's attributes grouped by the id of the instance each targets, checked for shape. */
    private Map<String, List<InstanceAttribute>> byTarget(Cluster cluster, List<Attribute> attributes) {
        Map<String, List<InstanceAttribute>> byTarget = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            if (attribute.targetType() != null && !"container-instance".equals(attribute.targetTypeAsString())) {
                throw EcsErrors.INVALID_PARAMETER.exception("Attributes can only target container instances.");
            }
            if (attribute.targetId() == null || attribute.targetId().isEmpty()) {
                throw EcsErrors.INVALID_PARAMETER.exception("Attribute '" + attribute.name() + "' needs a targetId.");
            }
            String id = ClusterLookup.instanceId(cluster, attribute.targetId())
                    .filter(i -> instances.find(cluster.scope(), cluster.name(), i)
                            .filter(v -> v.value().registered()).isPresent())
                    .orElseThrow(() -> targetNotFound(attribute.targetId()));
            byTarget.computeIfAbsent(id, k -> new ArrayList<>()).add(new InstanceAttribute(
                    attribute.name() == null ? "" : attribute.name(), attribute.value() == null ? "" : attribute.value()));
        }
        return byTarget;
    }

    private static <T> T guarded(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (InstanceAttributes.InvalidAttributeException e) {
            throw EcsErrors.INVALID_PARAMETER.exception(e.getMessage());
        } catch (InstanceAttributes.AttributeLimitException e) {
            throw EcsErrors.ATTRIBUTE_LIMIT_EXCEEDED.exception(e.getMessage());
        }
    }

    private static berth.aws.AwsException targetNotFound(String target) {
        return EcsErrors.TARGET_NOT_FOUND.exception("Could not find " + target + ".");
    }
}
