package berth.agent.endpoints;

import berth.agent.core.TaskEndpointVariables;
import berth.agent.core.TaskLayout;
import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.Runtime;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.RoleCredentials;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task endpoints of this host, served on {@value TaskEndpointVariables#ADDRESS} port 80 for every
 * agent in the process: {@code GET /v2/credentials/<id>} (the task role's credentials, as the AWS SDKs'
 * container credentials provider reads them) and the task metadata endpoint v4 ({@code GET /v4/<token>},
 * {@code /v4/<token>/task}). Credentials are answered only to an address of one of the task's containers
 * (any caller for host-network tasks, whose containers share the host's addresses). Each agent hands
 * its current assignments over with {@link #update} before it starts their containers. The endpoints
 * are served only while some agent of the process has tasks. The process's composition (the agent
 * command, berth's local agent module) makes one and hands it to each of its agents.
 */
public final class TaskEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<AssignedTask>> byAgent = new ConcurrentHashMap<>();
    private final Map<String, Runtime> runtimes = new ConcurrentHashMap<>();
    private final Map<Integer, ControlPlaneForwarder> forwarders = new ConcurrentHashMap<>();
    private HttpServer server;
    private HttpServer peerServer;
    private final TaskEndpointPeers peers = new TaskEndpointPeers();
    private long lastBindAttemptNanos;
    private boolean bindFailureReported;
    /** While another process holds the port, a retry is pending: the port is taken over soon after it is let go. */
    private boolean retryPending;
    private static final long RETRY_NANOS = 250_000_000L;

    /** One per process: it holds the link-local port every agent of the process shares. */
    public TaskEndpoints() {}

    /** The tasks agent {@code agentId} runs now, whose containers {@code runtime} runs, under {@code controlPlane}. */
    public void update(String agentId, String controlPlane, Runtime runtime, List<AssignedTask> tasks) {
        byAgent.put(agentId, List.copyOf(tasks));
        runtimes.put(agentId, runtime);
        if (byAgent.values().stream().allMatch(List::isEmpty)) {
            release();
            return;
        }
        ensureServer();
        TaskEndpointVariables.forwardedPort(controlPlane).ifPresent(port -> forwarders.computeIfAbsent(port,
                p -> ControlPlaneForwarder.start(TaskEndpointVariables.ADDRESS, p, java.net.URI.create(controlPlane))));
    }

    /**
     * Forgets an agent that stopped.
     */
    public void remove(String agentId) {
        byAgent.remove(agentId);
        runtimes.remove(agentId);
        if (byAgent.values().stream().allMatch(List::isEmpty)) {
            release();
        }
    }

    /** Stops serving while no agent of this process has a task, so another process's agents may hold the address. */
    private synchronized void release() {
        if (server != null) {
            server.stop(0);
            server = null;
            lastBindAttemptNanos = 0;
        }
        if (peerServer != null) {
            peers.withdraw();
            peerServer.stop(0);
            peerServer = null;
        }
    }

    /** The execution role's credentials of a task some agent of this process runs, if it has that role. */
    public Optional<RoleCredentials> executionRoleCredentials(String taskArn) {
        return tasks().map(Owned::task).filter(t -> t.taskArn().equals(taskArn))
                .map(AssignedTask::executionRoleCredentials).filter(RoleCredentials::present).findFirst();
    }

    private synchronized void ensureServer() {
        if (byAgent.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        ensurePeerServer();
        if (server != null || (lastBindAttemptNanos != 0 && System.nanoTime() - lastBindAttemptNanos < RETRY_NANOS)) {
            return;
        }
        lastBindAttemptNanos = System.nanoTime();
        try {
            LinkLocalAddress.ensureOnLoopback(TaskEndpointVariables.ADDRESS);
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(TaskEndpointVariables.ADDRESS),
                    80), 64);
            s.createContext("/", this::serve);
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.start();
            server = s;
            LOG.info("task endpoints (credentials, metadata v4) serve on {}:80", TaskEndpointVariables.ADDRESS);
        } catch (IOException | RuntimeException e) {
            // another process's agent may hold the address: said once, then retried quietly
            if (!bindFailureReported) {
                bindFailureReported = true;
                LOG.warn("task endpoints not served on {}:80 (another process holds it; retrying every 250 ms): {}",
                        TaskEndpointVariables.ADDRESS, e.toString());
            } else {
                LOG.debug("task endpoints still not served on {}:80: {}", TaskEndpointVariables.ADDRESS, e.toString());
            }
            scheduleRetry();
        }
    }

    private synchronized void scheduleRetry() {
        if (retryPending) return;
        retryPending = true;
        Thread.ofVirtual().name("berth-task-endpoints-bind").start(() -> {
            try {
                Thread.sleep(RETRY_NANOS / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                retryPending = false;
            }
            ensureServer();
        });
    }

    /** A request on {@value TaskEndpointVariables#ADDRESS}:80: answered here, else by a peer process whose task it is. */
    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String caller = exchange.getRemoteAddress().getAddress().getHostAddress();
            String authorization = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
            String path = exchange.getRequestURI().getPath();
            Reply reply = answer(exchange.getRequestMethod(), path, caller, authorization);
            if (reply.status() == 400 || reply.status() == 404) {
                Optional<TaskEndpointPeers.Answer> peer = peers.ask(path, caller, authorization);
                if (peer.isPresent()) {
                    sendBytes(exchange, peer.get().status(), peer.get().body());
                    return;
                }
            }
            send(exchange, reply.status(), reply.body());
        } catch (RuntimeException e) {
            LOG.warn("task endpoint request failed", e);
        }
    }

    /** A request a peer process passes on, with the caller's address in {@link TaskEndpointPeers#CALLER}. */
    private void servePeer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String caller = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst(TaskEndpointPeers.CALLER), "");
            String authorization = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
            Reply reply = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), caller, authorization);
            send(exchange, reply.status(), reply.body());
        } catch (RuntimeException e) {
            LOG.warn("task endpoint request failed", e);
        }
    }

    private record Reply(int status, Object body) {}

    private Reply answer(String method, String path, String caller, String authorization) {
        if (!"GET".equals(method)) {
            return new Reply(405, Map.of("code", "MethodNotAllowed", "message", "Use GET."));
        } else if (path.startsWith(TaskEndpointVariables.CREDENTIALS_PATH)) {
            return credentials(path.substring(TaskEndpointVariables.CREDENTIALS_PATH.length()), caller, authorization);
        } else if (path.startsWith(TaskEndpointVariables.METADATA_PATH)) {
            return metadata(path.substring(TaskEndpointVariables.METADATA_PATH.length()));
        }
        return new Reply(404, Map.of("code", "NotFound", "message", "No such endpoint: " + path));
    }

    private Reply credentials(String id, String caller, String authorization) {
        Optional<Owned> owner = tasks().filter(o -> o.task().taskRoleCredentials().present()
                && o.task().taskRoleCredentials().credentialsId().equals(id)).findFirst();
        if (owner.isEmpty() || !callerBelongsTo(owner.get(), caller, authorization)) {
            return new Reply(400, Map.of("code", "InvalidIdInRequest",
                    "message", "CredentialsV2Request: Credentials not found"));
        }
        RoleCredentials c = owner.get().task().taskRoleCredentials();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RoleArn", c.roleArn());
        body.put("AccessKeyId", c.accessKeyId());
        body.put("SecretAccessKey", c.secretAccessKey());
        body.put("Token", c.sessionToken());
        body.put("Expiration", c.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
        return new Reply(200, body);
    }

    /**
     * Whether {@code caller} is an address of the task's containers, or, for a task sharing the host's
     * network, whether it sent the task's authorization token.
     */
    private boolean callerBelongsTo(Owned owned, String caller, String authorization) {
        if (TaskEndpointVariables.hostNetwork(owned.task())) {
            String expected = owned.task().taskRoleCredentials().authorizationToken();
            return !expected.isEmpty() && java.security.MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8));
        }
        return containers(owned).stream().anyMatch(c -> c.ipAddresses().containsValue(caller));
    }

    private Reply metadata(String rest) {
        String[] parts = rest.split("/", 2);
        String token = parts[0];
        String sub = parts.length > 1 ? parts[1] : "";
        for (Owned owned : tasks().toList()) {
            for (AssignedContainer c : owned.task().containers()) {
                if (!TaskEndpointVariables.metadataToken(owned.task(), c.name()).equals(token)) {
                    continue;
                }
                List<ContainerObservation> observed = containers(owned);
                return switch (sub) {
                    case "" -> new Reply(200, TaskMetadataDocuments.container(owned.task(), c, observed));
                    case "task" -> new Reply(200, TaskMetadataDocuments.task(owned.task(), observed));
                    case "stats" -> new Reply(200, stats(owned.runtime(), observed.stream()
                            .filter(o -> c.name().equals(o.labels().get(BerthLabels.CONTAINER_NAME))).toList())
                            .values().stream().filter(java.util.Objects::nonNull).findFirst()
                            .orElse(JSON.createObjectNode()));
                    case "task/stats" -> new Reply(200, stats(owned.runtime(), observed.stream()
                            .filter(o -> !TaskLayout.PAUSE.equals(o.labels().get(BerthLabels.CONTAINER_NAME)))
                            .toList()));
                    default -> new Reply(404, Map.of("code", "NotFound", "message", "No metadata at /v4/" + rest));
                };
            }
        }
        return new Reply(404, Map.of("code", "NotFound", "message", "No container with metadata token " + token));
    }

    /**
     * This process's endpoints on a loopback port, announced to the other processes of this host
     * ({@link TaskEndpointPeers}): whichever holds {@value TaskEndpointVariables#ADDRESS}:80 passes on
     * what is not its own.
     */
    private void ensurePeerServer() {
        if (peerServer != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            s.createContext("/", this::servePeer);
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.start();
            peerServer = s;
            peers.announce(s.getAddress().getPort());
        } catch (IOException | RuntimeException e) {
            LOG.warn("task endpoints not announced to other processes of this host: {}", e.toString());
        }
    }

    /** The engine's stats of each of {@code containers}, by container id (null for one without stats). */
    private static Map<String, Object> stats(Runtime runtime, List<ContainerObservation> containers) {
        Map<String, Object> byId = new LinkedHashMap<>();
        for (ContainerObservation o : containers) {
            Object sample = runtime.statsJson(o.id()).map(json -> {
                try {
                    return (Object) JSON.readTree(json);
                } catch (IOException e) {
                    return null;
                }
            }).orElse(null);
            byId.put(o.id(), sample);
        }
        return byId;
    }

    private List<ContainerObservation> containers(Owned owned) {
        return owned.runtime().list(Map.of(BerthLabels.TASK_ARN, owned.task().taskArn()));
    }

    private java.util.stream.Stream<Owned> tasks() {
        return byAgent.entrySet().stream().flatMap(e -> e.getValue().stream()
                .filter(t -> runtimes.containsKey(e.getKey()))
                .map(t -> new Owned(t, runtimes.get(e.getKey()))));
    }

    private record Owned(AssignedTask task, Runtime runtime) {}

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        sendBytes(exchange, status, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
