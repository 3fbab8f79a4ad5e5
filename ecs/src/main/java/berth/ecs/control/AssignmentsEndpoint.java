package berth.ecs.control;

import berth.agentwire.AgentProtocol;
import berth.agentwire.AssignmentBatch;
import berth.agentwire.ProtocolVersion;
import berth.agentwire.TaskObservation;
import berth.agentwire.WireJson;
import berth.aws.AwsException;
import berth.aws.Caller;
import berth.aws.HttpRequestData;
import berth.aws.Protocol;
import berth.aws.Scope;
import berth.aws.sigv4.SigV4Verifier;
import berth.aws.sigv4.SignatureErrors;
import berth.ecs.api.EcsErrors;
import berth.ecs.core.EcsArns;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.task.TaskLifecycle;
import berth.ecs.state.ContainerInstanceRecords;
import berth.ecs.state.TaskCommits;
import berth.ecs.state.TaskRecords;
import berth.platform.RecordTable.Versioned;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * berth's own agent endpoints ({@link AgentProtocol}): {@code GET assignments}, a long-poll that is also
 * the agent's heartbeat, and {@code POST observations}. Requests are SigV4-signed for service
 * {@code ecs}, and the caller sees only its {@link Scope} (the signer's account, the signature's
 * region); they name the protocol version they speak ({@link AgentProtocol#VERSION_HEADER}). Errors are
 * codes of {@link EcsErrors}, as JSON {@code {"__type": CODE, "message": TEXT}} with the code's status:
 * 400 for bad parameters or a protocol version of another major version, 403 for a rejected signature,
 * 404 for an unknown cluster, instance or task, 405 for another method.
 */
public final class AssignmentsEndpoint implements HttpService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AssignmentsEndpoint.class);

    private final SigV4Verifier verifier;
    private final ContainerInstanceRecords instances;
    private final TaskCommits commits;
    private final AssignmentSignals signals;
    private final AssignmentBatches batches;
    private final AgentHeartbeats heartbeats;

    private final TaskUsageMetrics usage;

    AssignmentsEndpoint(SigV4Verifier verifier, berth.store.Store store, AssignmentSignals signals,
                        AgentHeartbeats heartbeats, TaskRoleCredentials roles, java.time.Clock clock,
                        java.util.function.Supplier<java.util.Optional<berth.cloudwatch.MetricSink>> metrics) {
        this.usage = new TaskUsageMetrics(new berth.ecs.state.TaskRecords(store), metrics);
        this.verifier = verifier;
        this.instances = new ContainerInstanceRecords(store);
        this.commits = new TaskCommits(store);
        this.signals = signals;
        this.batches = new AssignmentBatches(store, signals, roles, clock);
        this.heartbeats = heartbeats;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        CompletableFuture<HttpResponse> answer = req.aggregate().thenComposeAsync(aggregated -> {
            try {
                Caller caller = authenticate(ctx, aggregated);
                String path = ctx.path();
                if (path.equals(AgentProtocol.ASSIGNMENTS) || path.equals(AgentProtocol.OBSERVATIONS)
                        || path.equals(AgentProtocol.USAGE)) {
                    checkVersion(aggregated.headers());
                }
                if (path.equals(AgentProtocol.ASSIGNMENTS)) {
                    if (aggregated.method() != HttpMethod.GET) {
                        throw EcsErrors.METHOD_NOT_ALLOWED.exception("Use GET for " + path + ".");
                    }
                    return poll(ctx, caller, QueryParams.fromQueryString(ctx.query()));
                }
                if (path.equals(AgentProtocol.OBSERVATIONS)) {
                    if (aggregated.method() != HttpMethod.POST) {
                        throw EcsErrors.METHOD_NOT_ALLOWED.exception("Use POST for " + path + ".");
                    }
                    return CompletableFuture.completedFuture(observe(caller, aggregated.content().array()));
                }
                if (path.equals(AgentProtocol.USAGE)) {
                    if (aggregated.method() != HttpMethod.POST) {
                        throw EcsErrors.METHOD_NOT_ALLOWED.exception("Use POST for " + path + ".");
                    }
                    return CompletableFuture.completedFuture(usage(caller, aggregated.content().array()));
                }
                throw EcsErrors.NOT_FOUND.exception("No such agent endpoint: " + path);
            } catch (AwsException e) {
                return CompletableFuture.completedFuture(error(e));
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(internal(e));
            }
        }, ctx.blockingTaskExecutor());
        return HttpResponse.of(answer);
    }

    private Caller authenticate(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        SigV4Verifier.Verification verification = verifier.verify(requestData(ctx, req.headers(),
                req.content().array()));
        if (verification instanceof SigV4Verifier.Rejected rejected) {
            throw SignatureErrors.toAwsException(rejected.failure(), rejected.message(), Protocol.REST_JSON);
        }
        Caller caller = ((SigV4Verifier.Verified) verification).caller();
        if (!"ecs".equals(caller.service())) {
            throw EcsErrors.INVALID_SIGNATURE.exception("Sign agent requests for service 'ecs'.");
        }
        return caller;
    }

    /** Refuses a request that speaks no version of the protocol, or one of another major version. */
    private static void checkVersion(RequestHeaders headers) {
        String declared = headers.get(AgentProtocol.VERSION_HEADER, "");
        ProtocolVersion.CURRENT.refusal(declared).ifPresent(reason -> {
            throw EcsErrors.UNSUPPORTED_AGENT_PROTOCOL.exception(reason);
        });
    }

    private CompletableFuture<HttpResponse> poll(ServiceRequestContext ctx, Caller caller, QueryParams query) {
        String cluster = EcsArns.clusterName(query.get("cluster", "default"));
        String instanceParam = query.get("containerInstance", "");
        long since = number(query.get("since", "0"), "since");
        long waitSeconds = Math.min(number(query.get("waitSeconds", "0"), "waitSeconds"),
                AgentProtocol.MAX_WAIT_SECONDS);
        Scope scope = caller.scope();
        LongPoll poll;
        if (instanceParam.equals(AgentProtocol.FARGATE_INSTANCE)) {
            heartbeats.fargateSeen(scope);
            poll = new LongPoll(AssignmentSignals.fargateTopic(scope), since, () -> batches.forFargate(scope));
        } else {
            String id = instanceParam.substring(instanceParam.lastIndexOf('/') + 1);
            ContainerInstance instance = instances.find(scope, cluster, id)
                    .map(Versioned::value)
                    .orElseThrow(() -> EcsErrors.CONTAINER_INSTANCE_NOT_FOUND.exception(
                            "No container instance " + instanceParam + " in cluster " + cluster + "."));
            heartbeats.seen(instance);
            String arn = instance.arn();
            poll = new LongPoll(AssignmentSignals.instanceTopic(arn), since,
                    () -> batches.forInstance(scope, cluster, arn));
        }
        return poll.start(ctx, waitSeconds);
    }

    /** One waiting poll: answered once its batch's generation differs from {@code since}, or at its deadline. */
    private final class LongPoll {
        private final String topic;
        private final long since;
        private final java.util.function.Supplier<AssignmentBatch> batch;
        private final CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
        private ServiceRequestContext ctx;

        LongPoll(String topic, long since, java.util.function.Supplier<AssignmentBatch> batch) {
            this.topic = topic;
            this.since = since;
            this.batch = batch;
        }

        CompletableFuture<HttpResponse> start(ServiceRequestContext requestContext, long waitSeconds) {
            ctx = requestContext;
            Runnable wake = () -> ctx.blockingTaskExecutor().execute(this::check);
            signals.register(topic, wake);
            answer.whenComplete((r, e) -> signals.unregister(topic, wake));
            AssignmentBatch current = batch.get();
            if (current.generation() != since || waitSeconds <= 0) {
                answer.complete(json(current));
                return answer;
            }
            ctx.eventLoop().schedule(() -> ctx.blockingTaskExecutor().execute(() -> answerWith(true)),
                    waitSeconds, java.util.concurrent.TimeUnit.SECONDS);
            return answer;
        }

        private void check() {
            answerWith(false);
        }

        /** Answers with the current batch if it changed since {@code since}, or regardless at the deadline. */
        private void answerWith(boolean deadline) {
            if (answer.isDone()) {
                return;
            }
            try {
                AssignmentBatch current = batch.get();
                if (deadline || current.generation() != since) {
                    answer.complete(json(current));
                }
            } catch (RuntimeException e) {
                answer.complete(internal(e));
            }
        }
    }

    private HttpResponse observe(Caller caller, byte[] body) {
        TaskObservation observation;
        try {
            observation = WireJson.read(body, TaskObservation.class);
        } catch (IOException | RuntimeException e) {
            throw EcsErrors.INVALID_PARAMETER.exception("The body is not a TaskObservation: " + e.getMessage());
        }
        String arn = observation.taskArn();
        Scope scope = caller.scope();
        String prefix = EcsArns.taskPrefix(scope);
        String[] parts = arn.startsWith(prefix) ? arn.substring(prefix.length()).split("/") : new String[0];
        if (parts.length != 2) {
            throw EcsErrors.TASK_NOT_FOUND.exception("No task " + arn + " in this account and region.");
        }
        Map<String, String> health = new LinkedHashMap<>();
        for (TaskObservation.ContainerHealth c : observation.containers()) {
            health.put(c.containerName(), c.healthStatus());
        }
        commits.change(TaskRecords.key(scope, parts[0], parts[1]), t -> TaskLifecycle.observed(t, health,
                        observation.macAddress(), observation.privateIpv4Address()))
                .orElseThrow(() -> EcsErrors.TASK_NOT_FOUND.exception("No task " + arn + "."));
        return HttpResponse.of(HttpStatus.NO_CONTENT);
    }

    private HttpResponse usage(Caller caller, byte[] body) {
        berth.agentwire.UsageReport report;
        try {
            report = WireJson.read(body, berth.agentwire.UsageReport.class);
        } catch (IOException | RuntimeException e) {
            throw EcsErrors.INVALID_PARAMETER.exception("The body is not a UsageReport: " + e.getMessage());
        }
        usage.publish(caller.scope(), report);
        return HttpResponse.of(HttpStatus.NO_CONTENT);
    }

    private static HttpResponse json(AssignmentBatch batch) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, WireJson.write(batch));
    }

    private static HttpResponse internal(RuntimeException e) {
        LOG.warn("agent endpoint failed", e);
        return error(EcsErrors.SERVER.exception("berth could not answer: " + e));
    }

    private static long number(String text, String name) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw EcsErrors.INVALID_PARAMETER.exception(name + " must be a non-negative number.");
        }
    }

    /** An agent-endpoint request as the SigV4 verifier reads it, like the AWS endpoint builds it. */
    static HttpRequestData requestData(ServiceRequestContext ctx, RequestHeaders headers, byte[] body) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String key = name.toString().toLowerCase(Locale.ROOT);
            if (!key.startsWith(":")) {
                lower.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        });
        if (headers.authority() != null && !lower.containsKey("host")) {
            lower.put("host", List.of(headers.authority()));
        }
        String rawPath = ctx.rawPath();
        int q = rawPath.indexOf('?');
        return new HttpRequestData(headers.method().name(), q < 0 ? rawPath : rawPath.substring(0, q),
                ctx.query() == null ? "" : ctx.query(), lower, body);
    }

    /** A refusal, answered as JSON with its status. */
    private static HttpResponse error(AwsException e) {
        return HttpResponse.of(HttpStatus.valueOf(e.status()), MediaType.JSON_UTF_8, WireJson.error(e.code(),
                e.getMessage()));
    }
}
