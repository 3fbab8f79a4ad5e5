package berth.ecs.api;

import berth.aws.RequestContext;
import berth.ecs.core.Cluster;
import berth.ecs.core.task.AttachmentStatus;
import berth.ecs.core.task.ContainerReport;
import berth.ecs.core.task.ContainerStatus;
import berth.ecs.core.task.NetworkBinding;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLifecycle;
import berth.ecs.core.task.TaskReport;
import berth.ecs.core.task.TaskStatus;
import berth.ecs.core.task.TaskTimes;
import berth.ecs.state.TaskCommits;
import berth.ecs.state.TaskRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointRequest;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointResponse;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesRequest;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesResponse;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeResponse;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeResponse;

/**
 * The agent's public operations: SubmitTaskStateChange, SubmitContainerStateChange,
 * SubmitAttachmentStateChanges and DiscoverPollEndpoint. A report of a state the task already left is
 * acknowledged without moving the task back.
 */
final class AgentStateApi {
    private static final Logger LOG = LoggerFactory.getLogger(AgentStateApi.class);
    private static final String ACK = "ACK";
    private static final Set<String> TASK_STATUSES = Set.of("PENDING", "RUNNING", "STOPPED");

    private final ClusterLookup lookup;
    private final TaskCommits commits;
    private final TaskRecords tasks;
    private final Clock clock;
    private final Supplier<URI> endpoint;

    AgentStateApi(Store store, Clock clock, Supplier<URI> endpoint) {
        this.lookup = new ClusterLookup(store);
        this.commits = new TaskCommits(store);
        this.tasks = new TaskRecords(store);
        this.clock = clock;
        this.endpoint = endpoint;
    }

    SubmitTaskStateChangeResponse taskStateChange(SubmitTaskStateChangeRequest request, RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), request.cluster());
        String id = TaskApi.taskId(cluster, request.task()).orElseThrow(EcsErrors::taskNotFound);
        String status = text(request.status());
        if (!TASK_STATUSES.contains(status)) {
            throw EcsErrors.INVALID_PARAMETER.exception("Invalid task status '" + status
                    + "': an agent reports PENDING, RUNNING or STOPPED.");
        }
        List<ContainerReport> containers = request.containers().stream().map(AgentStateApi::report).toList();
        TaskReport report = new TaskReport(TaskStatus.valueOf(status), text(request.reason()), containers,
                moment(request.pullStartedAt()), moment(request.pullStoppedAt()), moment(request.executionStoppedAt()));
        TaskStatus[] before = new TaskStatus[1];
        Task changed = commits.change(TaskApi.key(cluster, id), t -> {
            before[0] = t.lastStatus();
            Task after = TaskLifecycle.reported(t, report, clock.instant());
            for (var attachment : request.attachments()) {
                after = TaskLifecycle.attachmentReported(after, attachmentId(attachment.attachmentArn()),
                        attachmentStatus(attachment.status()));
            }
            return after;
        }).orElseThrow(EcsErrors::taskNotFound);
        if (before[0] != changed.lastStatus()) {
            LOG.info("task {} of cluster {} is {} (agent reported {}{})", id, cluster.name(), changed.lastStatus(),
                    status, report.reason().isEmpty() ? "" : ": " + report.reason());
        }
        return SubmitTaskStateChangeResponse.builder().acknowledgment(ACK).build();
    }

    SubmitContainerStateChangeResponse containerStateChange(SubmitContainerStateChangeRequest request,
                                                            RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), request.cluster());
        String id = TaskApi.taskId(cluster, request.task()).orElseThrow(EcsErrors::taskNotFound);
        ContainerReport report = new ContainerReport(text(request.containerName()), text(request.runtimeId()),
                containerStatus(request.status()), request.exitCode() != null,
                request.exitCode() == null ? 0 : request.exitCode(), text(request.reason()), "",
                bindings(request.networkBindings()));
        commits.change(TaskApi.key(cluster, id), t -> TaskLifecycle.containerReported(t, report, clock.instant()))
                .orElseThrow(EcsErrors::taskNotFound);
        return SubmitContainerStateChangeResponse.builder().acknowledgment(ACK).build();
    }

    SubmitAttachmentStateChangesResponse attachmentStateChanges(SubmitAttachmentStateChangesRequest request,
                                                                RequestContext ctx) {
        Cluster cluster = lookup.activeCluster(ctx.scope(), request.cluster());
        for (var change : request.attachments()) {
            String attachment = attachmentId(change.attachmentArn());
            AttachmentStatus status = attachmentStatus(change.status());
            Task owner = tasks.list(cluster.scope(), cluster.name()).stream()
                    .map(Versioned::value)
                    .filter(t -> t.attachments().stream().anyMatch(a -> a.id().equals(attachment)))
                    .findFirst()
                    .orElseThrow(() -> EcsErrors.INVALID_PARAMETER.exception(
                            "The referenced attachment was not found."));
            commits.change(owner.key(), t -> TaskLifecycle.attachmentReported(t, attachment, status));
        }
        return SubmitAttachmentStateChangesResponse.builder().acknowledgment(ACK).build();
    }

    DiscoverPollEndpointResponse discoverPollEndpoint(DiscoverPollEndpointRequest request, RequestContext ctx) {
        String url = endpoint.get().toString();
        return DiscoverPollEndpointResponse.builder().endpoint(url).telemetryEndpoint(url)
                .serviceConnectEndpoint(url).build();
    }

    private static ContainerReport report(ContainerStateChange c) {
        return new ContainerReport(text(c.containerName()), text(c.runtimeId()), containerStatus(c.status()),
                c.exitCode() != null, c.exitCode() == null ? 0 : c.exitCode(), text(c.reason()), text(c.imageDigest()),
                bindings(c.networkBindings()));
    }

    private static List<NetworkBinding> bindings(List<software.amazon.awssdk.services.ecs.model.NetworkBinding> sdk) {
        return sdk.stream().map(n -> new NetworkBinding(n.bindIP() == null ? "0.0.0.0" : n.bindIP(),
                n.containerPort() == null ? 0 : n.containerPort(), n.hostPort() == null ? 0 : n.hostPort(),
                n.protocolAsString() == null ? "tcp" : n.protocolAsString())).toList();
    }

    private static ContainerStatus containerStatus(String status) {
        try {
            return ContainerStatus.valueOf(text(status));
        } catch (IllegalArgumentException e) {
            throw EcsErrors.INVALID_PARAMETER.exception("Invalid container status '" + status
                    + "': an agent reports PENDING, RUNNING or STOPPED.");
        }
    }

    private static AttachmentStatus attachmentStatus(String status) {
        try {
            return AttachmentStatus.valueOf(text(status));
        } catch (IllegalArgumentException e) {
            throw EcsErrors.INVALID_PARAMETER.exception("Invalid attachment status '" + status + "'.");
        }
    }

    /** The attachment id of {@code arn:aws:ecs:REGION:ACCOUNT:attachment/ID}, or the text itself when it is an id. */
    private static String attachmentId(String arn) {
        String text = text(arn);
        return text.substring(text.lastIndexOf('/') + 1);
    }

    private static Instant moment(Instant reported) {
        return reported == null ? TaskTimes.UNSET : reported;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
