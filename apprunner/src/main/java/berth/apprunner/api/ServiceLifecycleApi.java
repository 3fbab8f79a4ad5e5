package berth.apprunner.api;

import berth.apprunner.core.AppService;
import berth.apprunner.core.Ids;
import berth.apprunner.core.Operation;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.RequestContext;
import berth.platform.RecordTable.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apprunner.model.ListOperationsRequest;
import software.amazon.awssdk.services.apprunner.model.ListOperationsResponse;
import software.amazon.awssdk.services.apprunner.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.apprunner.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.apprunner.model.PauseServiceRequest;
import software.amazon.awssdk.services.apprunner.model.PauseServiceResponse;
import software.amazon.awssdk.services.apprunner.model.ResumeServiceRequest;
import software.amazon.awssdk.services.apprunner.model.ResumeServiceResponse;
import software.amazon.awssdk.services.apprunner.model.StartDeploymentRequest;
import software.amazon.awssdk.services.apprunner.model.StartDeploymentResponse;
import software.amazon.awssdk.services.apprunner.model.Tag;
import software.amazon.awssdk.services.apprunner.model.TagResourceRequest;
import software.amazon.awssdk.services.apprunner.model.TagResourceResponse;
import software.amazon.awssdk.services.apprunner.model.UntagResourceRequest;
import software.amazon.awssdk.services.apprunner.model.UntagResourceResponse;

/** PauseService, ResumeService, StartDeployment, ListOperations and a service's tags. */
final class ServiceLifecycleApi {
    private final AppRunnerRecords records;
    private final Clock clock;
    private final Runnable changed;

    ServiceLifecycleApi(AppRunnerRecords records, Clock clock, Runnable changed) {
        this.records = records;
        this.clock = clock;
        this.changed = changed;
    }

    PauseServiceResponse pause(PauseServiceRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx, r.serviceArn());
        AppService s = found.value();
        ServiceApi.requireIdle(s);
        if (s.paused()) throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn() + " is already paused");
        AppService next = begin(s, "PAUSE_SERVICE", false, true);
        save(next, found.version());
        return PauseServiceResponse.builder().service(ServiceMapping.toSdk(next, ingress(s), Optional.empty()))
                .operationId(next.operations().get(0).id()).build();
    }

    ResumeServiceResponse resume(ResumeServiceRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx, r.serviceArn());
        AppService s = found.value();
        ServiceApi.requireIdle(s);
        if (!s.paused()) throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn() + " is not paused");
        AppService next = begin(s, "RESUME_SERVICE", false, false);
        save(next, found.version());
        return ResumeServiceResponse.builder().service(ServiceMapping.toSdk(next, ingress(s), Optional.empty()))
                .operationId(next.operations().get(0).id()).build();
    }

    StartDeploymentResponse startDeployment(StartDeploymentRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx, r.serviceArn());
        AppService s = found.value();
        ServiceApi.requireIdle(s);
        if (s.paused()) throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn() + " is paused");
        AppService next = begin(s, "START_DEPLOYMENT", true, false);
        save(next, found.version());
        return StartDeploymentResponse.builder().operationId(next.operations().get(0).id()).build();
    }

    ListOperationsResponse listOperations(ListOperationsRequest r, RequestContext ctx) {
        AppService s = find(ctx, r.serviceArn()).value();
        int start = 0;
        if (r.nextToken() != null && !r.nextToken().isEmpty()) {
            String after = berth.aws.paging.PageToken.decode(r.nextToken())
                    .orElseThrow(() -> AppRunnerErrors.INVALID_REQUEST.exception("The NextToken is not valid"));
            while (start < s.operations().size() && !s.operations().get(start).id().equals(after)) start++;
            start++;
        }
        int limit = r.maxResults() == null ? 20 : r.maxResults();
        int end = Math.min(s.operations().size(), start + limit);
        var b = ListOperationsResponse.builder().operationSummaryList(s.operations().subList(Math.min(start, end), end)
                .stream().map(o -> ServiceMapping.toSdk(o, s.arn())).toList());
        if (end < s.operations().size()) b.nextToken(berth.aws.paging.PageToken.encode(s.operations().get(end - 1).id()));
        return b.build();
    }

    TagResourceResponse tag(TagResourceRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx, r.resourceArn());
        Map<String, String> tags = new LinkedHashMap<>(found.value().tags());
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        save(found.value().withTags(tags), found.version());
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untag(UntagResourceRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx, r.resourceArn());
        Map<String, String> tags = new LinkedHashMap<>(found.value().tags());
        r.tagKeys().forEach(tags::remove);
        save(found.value().withTags(tags), found.version());
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTags(ListTagsForResourceRequest r, RequestContext ctx) {
        AppService s = find(ctx, r.resourceArn()).value();
        return ListTagsForResourceResponse.builder().tags(s.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    private AppService begin(AppService s, String type, boolean newGeneration, boolean pause) {
        Instant now = clock.instant();
        return s.begin(new Operation(Ids.random(), type, "IN_PROGRESS", now, now, null), newGeneration, pause, false, now);
    }

    private Optional<berth.apprunner.core.Ingress> ingress(AppService s) {
        return records.ingress(s.scope()).map(Versioned::value);
    }

    private Versioned<AppService> find(RequestContext ctx, String arn) {
        return records.serviceByArn(arn).filter(v -> v.value().scope().equals(ctx.scope()))
                .orElseThrow(() -> AppRunnerErrors.serviceNotFound(arn));
    }

    private void save(AppService s, long version) {
        try {
            records.save(s, version);
        } catch (berth.store.VersionConflict e) {
            throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn() + " changed meanwhile; try again");
        }
        changed.run();
    }
}
