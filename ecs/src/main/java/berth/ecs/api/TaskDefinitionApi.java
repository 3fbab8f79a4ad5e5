package berth.ecs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.ecs.core.taskdef.InvalidTaskDefinitionException;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.ecs.core.taskdef.TaskDefinitionRegistration;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import berth.ecs.state.TaskDefinitionRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * RegisterTaskDefinition, DeregisterTaskDefinition, DeleteTaskDefinitions, DescribeTaskDefinition,
 * ListTaskDefinitions and ListTaskDefinitionFamilies.
 */
final class TaskDefinitionApi {
    private static final Logger LOG = LoggerFactory.getLogger(TaskDefinitionApi.class);
    private static final int MAX_PAGE = 100;

    private final TaskDefinitionRecords definitions;
    private final Clock clock;

    TaskDefinitionApi(Store store, Clock clock) {
        this.definitions = new TaskDefinitionRecords(store);
        this.clock = clock;
    }

    RegisterTaskDefinitionResponse register(RegisterTaskDefinitionRequest request, RequestContext ctx) {
        Map<String, String> tags = TagMapping.checked(request.tags());
        TaskDefinition registered;
        try {
            TaskDefinition draft = TaskDefinitionMapping.draft(request, ctx.scope(), tags,
                    clock.instant(), ctx.caller().identity().arn());
            registered = definitions.register(TaskDefinitionRegistration.register(draft));
        } catch (InvalidTaskDefinitionException e) {
            throw EcsErrors.of(e);
        } catch (TaskDefinitionRecords.TooManyConcurrentRegistrations e) {
            throw EcsErrors.CLIENT.exception(e.getMessage());
        }
        LOG.info("registered task definition {}", registered.arn());
        var response = RegisterTaskDefinitionResponse.builder().taskDefinition(TaskDefinitionMapping.toSdk(registered));
        if (!registered.tags().isEmpty()) {
            response.tags(TagMapping.toSdk(registered.tags()));
        }
        return response.build();
    }

    DeregisterTaskDefinitionResponse deregister(DeregisterTaskDefinitionRequest request, RequestContext ctx) {
        TaskDefinitionRef ref = revisionRef(request.taskDefinition());
        TaskDefinition current = definitions.resolve(ctx.scope(), ref)
                .orElseThrow(() -> EcsErrors.CLIENT.exception("The specified task definition does not exist."))
                .value();
        if (current.status() == TaskDefinitionStatus.DELETE_IN_PROGRESS) {
            throw EcsErrors.CLIENT.exception("The specified task definition is being deleted.");
        }
        TaskDefinition inactive = definitions.update(current.scope(), current.family(), current.revision(),
                d -> d.active() ? d.withStatus(TaskDefinitionStatus.INACTIVE, clock.instant()) : d).orElseThrow();
        if (current.active()) {
            LOG.info("deregistered task definition {}", inactive.arn());
        }
        return DeregisterTaskDefinitionResponse.builder().taskDefinition(TaskDefinitionMapping.toSdk(inactive)).build();
    }

    DeleteTaskDefinitionsResponse delete(DeleteTaskDefinitionsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<software.amazon.awssdk.services.ecs.model.TaskDefinition> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String text : request.taskDefinitions()) {
            Optional<TaskDefinitionRef> ref = TaskDefinitionRef.parse(text).filter(r -> !r.latest());
            Optional<TaskDefinition> found = ref.flatMap(r -> definitions.resolve(scope, r))
                    .map(Versioned::value);
            if (found.isEmpty()) {
                failures.add(Failure.builder().arn(text).reason("TASK_DEFINITION_NOT_FOUND")
                        .detail("The specified task definition does not exist.").build());
                continue;
            }
            if (found.get().active()) {
                failures.add(Failure.builder().arn(found.get().arn()).reason("TASK_DEFINITION_IN_ACTIVE_STATE")
                        .detail("The specified task definition is still in ACTIVE status. Please deregister the"
                                + " target and try again.").build());
                continue;
            }
            TaskDefinition deleting = definitions.update(scope, found.get().family(),
                    found.get().revision(), d -> d.active() ? d
                            : d.withStatus(TaskDefinitionStatus.DELETE_IN_PROGRESS, clock.instant())).orElseThrow();
            LOG.info("deleting task definition {}", deleting.arn());
            deleted.add(TaskDefinitionMapping.toSdk(deleting));
        }
        return DeleteTaskDefinitionsResponse.builder().taskDefinitions(deleted).failures(failures).build();
    }

    DescribeTaskDefinitionResponse describe(DescribeTaskDefinitionRequest request, RequestContext ctx) {
        TaskDefinition found = TaskDefinitionRef.parse(request.taskDefinition())
                .flatMap(r -> definitions.resolve(ctx.scope(), r))
                .orElseThrow(() -> EcsErrors.CLIENT.exception("Unable to describe task definition."))
                .value();
        var response = DescribeTaskDefinitionResponse.builder().taskDefinition(TaskDefinitionMapping.toSdk(found));
        if (request.include().contains(TaskDefinitionField.TAGS)) {
            response.tags(TagMapping.toSdk(found.tags()));
        }
        return response.build();
    }

    ListTaskDefinitionsResponse list(ListTaskDefinitionsRequest request, RequestContext ctx) {
        String status = request.status() == null ? "ACTIVE" : request.statusAsString();
        boolean descending = request.sort() != null && "DESC".equals(request.sortAsString());
        String family = request.familyPrefix();
        Scope scope = ctx.scope();
        List<TaskDefinition> all = family == null || family.isEmpty() ? definitions.list(scope)
                : definitions.family(scope, family);
        List<TaskDefinition> matching = all.stream()
                .filter(d -> d.status().name().equals(status))
                .sorted(Comparator.comparing(d -> pageKey(d, descending)))
                .toList();
        Page<TaskDefinition> page = Page.of(matching, request.nextToken(), request.maxResults(), MAX_PAGE, MAX_PAGE,
                d -> pageKey(d, descending));
        return ListTaskDefinitionsResponse.builder()
                .taskDefinitionArns(page.items().stream().map(TaskDefinition::arn).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    ListTaskDefinitionFamiliesResponse families(ListTaskDefinitionFamiliesRequest request, RequestContext ctx) {
        String status = request.status() == null ? "ACTIVE" : request.statusAsString();
        String prefix = request.familyPrefix() == null ? "" : request.familyPrefix();
        Map<String, Boolean> anyActive = new TreeMap<>();
        for (TaskDefinition d : definitions.list(ctx.scope())) {
            if (d.family().startsWith(prefix)) {
                anyActive.merge(d.family(), d.active(), Boolean::logicalOr);
            }
        }
        List<String> families = anyActive.entrySet().stream()
                .filter(e -> switch (status) {
                    case "ACTIVE" -> e.getValue();
                    case "INACTIVE" -> !e.getValue();
                    default -> true;
                })
                .map(Map.Entry::getKey).toList();
        Page<String> page = Page.of(families, request.nextToken(), request.maxResults(), MAX_PAGE, MAX_PAGE, f -> f);
        return ListTaskDefinitionFamiliesResponse.builder().families(page.items())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    /** A reference that must name one revision, as DeregisterTaskDefinition requires. */
    private static TaskDefinitionRef revisionRef(String text) {
        TaskDefinitionRef ref = TaskDefinitionRef.parse(text)
                .orElseThrow(() -> EcsErrors.CLIENT.exception("Invalid revision number. Number: " + afterColon(text)));
        if (ref.latest()) {
            throw EcsErrors.CLIENT.exception("Invalid revision number. Number: " + afterColon(text));
        }
        return ref;
    }

    private static String afterColon(String text) {
        int colon = text.lastIndexOf(':');
        return colon < 0 ? text : text.substring(colon + 1);
    }

    /**
     * The paging key of a revision: ascending keys sort by family then revision; descending keys
     * invert both, so one ascending key order serves both sort orders.
     */
    static String pageKey(TaskDefinition d, boolean descending) {
        if (!descending) {
            return d.family() + " " + String.format("%010d", d.revision());
        }
        StringBuilder inverted = new StringBuilder(d.family().length() + 11);
        for (char c : d.family().toCharArray()) {
            inverted.append((char) ('~' + '!' - c));
        }
        return inverted.append('~').append(String.format("%010d", 9_999_999_999L - d.revision())).toString();
    }
}
