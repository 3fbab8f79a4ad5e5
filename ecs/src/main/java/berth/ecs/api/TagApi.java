package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.ecs.state.ClusterRecords;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.TaskDefinitionRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceResponse;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceResponse;

/** TagResource, UntagResource and ListTagsForResource over the registered taggable kinds. */
final class TagApi {
    private static final String NOT_FOUND = "The specified resource could not be found.";

    private final TaggableResources resources;

    TagApi(Store store, TaggableResources resources) {
        this.resources = resources;
        ClusterRecords clusters = new ClusterRecords(store);
        TaskDefinitionRecords definitions = new TaskDefinitionRecords(store);
        ContainerInstanceRecords instances = new ContainerInstanceRecords(store);
        resources.register("cluster", new TaggableResources.TaggableKind() {
            public Optional<Map<String, String>> tags(Scope scope, Arn arn) {
                return clusters.find(scope, arn.resourceName()).map(Versioned::value)
                        .filter(c -> c.active()).map(c -> c.tags());
            }

            public boolean changeTags(Scope scope, Arn arn, UnaryOperator<Map<String, String>> change) {
                return clusters.update(scope, arn.resourceName(),
                        c -> c.active() ? c.withTags(change.apply(c.tags())) : c).filter(c -> c.active()).isPresent();
            }
        });
        resources.register("task-definition", new TaggableResources.TaggableKind() {
            public Optional<Map<String, String>> tags(Scope scope, Arn arn) {
                return TaskDefinitionRef.parse(arn.format()).filter(r -> !r.latest())
                        .flatMap(r -> definitions.resolve(scope, r))
                        .map(v -> v.value().tags());
            }

            public boolean changeTags(Scope scope, Arn arn, UnaryOperator<Map<String, String>> change) {
                return TaskDefinitionRef.parse(arn.format()).filter(r -> !r.latest() && r.within(scope))
                        .flatMap(r -> definitions.update(scope, r.family(), r.revision(),
                                d -> d.withTags(change.apply(d.tags()))))
                        .isPresent();
            }
        });
        resources.register("container-instance", new TaggableResources.TaggableKind() {
            public Optional<Map<String, String>> tags(Scope scope, Arn arn) {
                String[] parts = arn.resourceName().split("/");
                return parts.length != 2 ? Optional.empty() : instances.find(scope, parts[0], parts[1])
                        .map(v -> v.value().tags());
            }

            public boolean changeTags(Scope scope, Arn arn, UnaryOperator<Map<String, String>> change) {
                String[] parts = arn.resourceName().split("/");
                return parts.length == 2 && instances.update(scope, parts[0], parts[1],
                        i -> i.withTags(change.apply(i.tags()))).isPresent();
            }
        });
    }

    TagResourceResponse tag(TagResourceRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Arn arn = arn(request.resourceArn(), scope);
        TaggableResources.TaggableKind kind = kind(arn);
        if (!kind.changeTags(scope, arn, tags -> TagMapping.merged(tags, request.tags()))) {
            throw notFound(arn, false);
        }
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Arn arn = arn(request.resourceArn(), scope);
        TaggableResources.TaggableKind kind = kind(arn);
        if (!kind.changeTags(scope, arn, tags -> TagMapping.without(tags, request.tagKeys()))) {
            throw notFound(arn, false);
        }
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse list(ListTagsForResourceRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        Arn arn = arn(request.resourceArn(), scope);
        Map<String, String> tags = kind(arn).tags(scope, arn)
                .orElseThrow(() -> notFound(arn, true));
        var response = ListTagsForResourceResponse.builder();
        if (!tags.isEmpty()) {
            response.tags(TagMapping.toSdk(tags));
        }
        return response.build();
    }

    private TaggableResources.TaggableKind kind(Arn arn) {
        return resources.kind(arn.resourceType())
                .orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception("The specified resource type "
                        + arn.resourceType() + " does not support tagging."));
    }

    private static Arn arn(String text, Scope scope) {
        Arn arn = Arn.parse(text).filter(a -> "ecs".equals(a.service()))
                .orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception("Invalid resource ARN: " + text));
        if (!new Scope(arn.accountId(), arn.region()).equals(scope)) {
            throw EcsErrors.INVALID_PARAMETER.exception("The resource " + text + " is not in this account and region.");
        }
        return arn;
    }

    private static berth.aws.AwsException notFound(Arn arn, boolean listing) {
        if ("cluster".equals(arn.resourceType())) {
            return EcsErrors.clusterNotFound();
        }
        return (listing ? EcsErrors.INVALID_PARAMETER : EcsErrors.RESOURCE_NOT_FOUND).exception(NOT_FOUND);
    }
}
