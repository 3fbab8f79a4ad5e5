package berth.secrets.ssm.api;

import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import berth.secrets.ssm.core.Parameter;
import berth.secrets.ssm.state.ParameterRecords;
import berth.store.VersionConflict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/** AddTagsToResource, RemoveTagsFromResource, ListTagsForResource, for parameters (the one resource type berth has). */
final class ParameterTagsApi {
    static final int MAX_TAGS = 50;

    private final ParameterRecords records;

    ParameterTagsApi(ParameterRecords records) {
        this.records = records;
    }

    AddTagsToResourceResponse add(AddTagsToResourceRequest request, RequestContext ctx) {
        change(request.resourceTypeAsString(), request.resourceId(), ctx, tags -> {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
            if (tags.size() > MAX_TAGS) {
                throw SsmErrors.TOO_MANY_TAGS.exception("The Tags parameter contains too many entries.");
            }
        });
        return AddTagsToResourceResponse.builder().build();
    }

    RemoveTagsFromResourceResponse remove(RemoveTagsFromResourceRequest request, RequestContext ctx) {
        change(request.resourceTypeAsString(), request.resourceId(), ctx, tags -> request.tagKeys().forEach(tags::remove));
        return RemoveTagsFromResourceResponse.builder().build();
    }

    ListTagsForResourceResponse list(ListTagsForResourceRequest request, RequestContext ctx) {
        Parameter parameter = require(request.resourceTypeAsString(), request.resourceId(), ctx).value();
        return ListTagsForResourceResponse.builder()
                .tagList(parameter.tags().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList())
                .build();
    }

    private void change(String type, String id, RequestContext ctx, java.util.function.Consumer<Map<String, String>> edit) {
        for (int attempt = 0; ; attempt++) {
            Versioned<Parameter> found = require(type, id, ctx);
            Map<String, String> tags = new LinkedHashMap<>();
            found.value().tags().forEach(t -> tags.put(t.key(), t.value()));
            edit.accept(tags);
            List<Parameter.Tag> updated = new ArrayList<>();
            tags.forEach((k, v) -> updated.add(new Parameter.Tag(k, v)));
            try {
                records.save(found.value().withTags(updated), found.version());
                return;
            } catch (VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }

    private Versioned<Parameter> require(String type, String id, RequestContext ctx) {
        if (!ResourceTypeForTagging.PARAMETER.toString().equals(type)) {
            throw SsmErrors.INVALID_RESOURCE_TYPE.exception("berth tags only resources of type Parameter.");
        }
        return records.find(ctx.scope(), id)
                .orElseThrow(() -> SsmErrors.INVALID_RESOURCE_ID.exception("The resource ID \"" + id
                        + "\" is not valid. Verify the ID and try again."));
    }
}
