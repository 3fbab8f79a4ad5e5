package berth.e2e.ecs.tasks;

import berth.agentwire.AgentProtocol;
import berth.agentwire.AssignedTask;
import berth.agentwire.AssignmentBatch;
import berth.agentwire.ProtocolVersion;
import berth.agentwire.TaskObservation;
import berth.agentwire.WireJson;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.Resource;

/**
 * A container instance's agent written against berth's agent contract alone, as a protocol peer: it
 * registers with the real RegisterContainerInstance, long-polls the assignments endpoint signed with
 * the SDK's SigV4 signer, and reports with the real SubmitTaskStateChange. It runs nothing: a task it
 * is told to run it reports PENDING then RUNNING (when {@link #autoRun}), one it is told to stop it
 * reports STOPPED. With {@code containerInstance} {@code fargate} it is the Fargate runner. It speaks
 * this build's protocol version unless told another ({@link #speaking}).
 */
final class FakeAgent implements AutoCloseable {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final EcsClient ecs;
    private final String cluster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> reported = new ConcurrentHashMap<>();
    private volatile String containerInstance;
    private volatile boolean polling;
    private volatile boolean autoRun = true;
    private volatile int waitSeconds = 20;
    private volatile long generation;
    private volatile String protocolVersion = ProtocolVersion.CURRENT.toString();
    private Thread thread;

    /** One batch as it arrived, with when. */
    record Received(long atNanos, AssignmentBatch batch) {}

    FakeAgent(URI endpoint, EcsClient ecs, String cluster) {
        this.endpoint = endpoint;
        this.ecs = ecs;
        this.cluster = cluster;
    }

    /** Names {@code version} in the protocol version header of its requests; empty sends no header. */
    FakeAgent speaking(String version) {
        protocolVersion = version;
        return this;
    }

    /** Registers a container instance with {@code cpu} units, {@code memory} MiB and the given zone. */
    FakeAgent register(String ec2InstanceId, String zone, int cpu, int memory, Attribute... attributes) {
        String document = "{\"instanceId\":\"" + ec2InstanceId + "\",\"region\":\"us-east-1\",\"availabilityZone\":\""
                + zone + "\",\"instanceType\":\"m5.large\",\"privateIp\":\"127.0.0.1\"}";
        containerInstance = ecs.registerContainerInstance(r -> r.cluster(cluster).instanceIdentityDocument(document)
                .totalResources(Resource.builder().name("CPU").type("INTEGER").integerValue(cpu).build(),
                        Resource.builder().name("MEMORY").type("INTEGER").integerValue(memory).build(),
                        Resource.builder().name("PORTS").type("STRINGSET").stringSetValue("22").build())
                .versionInfo(v -> v.agentVersion("1.86.0").agentHash("fake").dockerVersion("DockerVersion: 27.0.0"))
                .attributes(capabilities(attributes))).containerInstance().containerInstanceArn();
        return this;
    }

    /** The capabilities an ECS agent on a Linux host advertises, and {@code extra}. */
    private static List<Attribute> capabilities(Attribute... extra) {
        List<Attribute> all = new java.util.ArrayList<>(List.of(extra));
        for (String name : List.of("ecs.capability.task-eni", "ecs.capability.container-health-check",
                "ecs.capability.container-ordering", "ecs.capability.env-files.s3",
                "com.amazonaws.ecs.capability.docker-remote-api.1.19",
                "com.amazonaws.ecs.capability.docker-remote-api.1.21",
                "com.amazonaws.ecs.capability.docker-remote-api.1.25",
                "com.amazonaws.ecs.capability.task-iam-role", "com.amazonaws.ecs.capability.logging-driver.awslogs",
                "com.amazonaws.ecs.capability.logging-driver.json-file")) {
            if (all.stream().noneMatch(a -> a.name().equals(name))) {
                all.add(Attribute.builder().name(name).build());
            }
        }
        return all;
    }

    /** Polls as the Fargate runner of the signer's account and region. */
    FakeAgent asFargateRunner() {
        containerInstance = AgentProtocol.FARGATE_INSTANCE;
        return this;
    }

    String arn() {
        return containerInstance;
    }

    FakeAgent autoRun(boolean run) {
        autoRun = run;
        return this;
    }

    FakeAgent waitSeconds(int seconds) {
        waitSeconds = seconds;
        return this;
    }

    FakeAgent start() {
        polling = true;
        thread = Thread.ofPlatform().daemon().name("fake-agent " + containerInstance).start(this::pollLoop);
        return this;
    }

    /** Stops polling after the poll under way. */
    void stopPolling() throws InterruptedException {
        polling = false;
        if (thread != null) {
            thread.join(Duration.ofSeconds(waitSeconds + 10L));
        }
    }

    List<Received> received() {
        return received;
    }

    private void pollLoop() {
        while (polling) {
            try {
                AssignmentBatch batch = poll(generation, waitSeconds);
                received.add(new Received(System.nanoTime(), batch));
                generation = batch.generation();
                for (AssignedTask task : batch.tasks()) {
                    act(task);
                }
            } catch (Exception e) {
                sleep(200);
            }
        }
    }

    /** One long-poll of the assignments endpoint. */
    AssignmentBatch poll(long since, int wait) throws Exception {
        HttpResponse<byte[]> response = pollResponse(since, wait);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("assignments answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return WireJson.read(response.body(), AssignmentBatch.class);
    }

    /** One long-poll of the assignments endpoint, answered as it is. */
    HttpResponse<byte[]> pollResponse(long since, int wait) throws Exception {
        return send("GET", AgentProtocol.ASSIGNMENTS + "?cluster=" + cluster
                + "&containerInstance=" + java.net.URLEncoder.encode(containerInstance, java.nio.charset.StandardCharsets.UTF_8)
                + "&since=" + since + "&waitSeconds=" + wait, new byte[0]);
    }

    /** Sends an observation; returns the HTTP status. */
    int observe(TaskObservation observation) throws Exception {
        return send("POST", AgentProtocol.OBSERVATIONS, WireJson.write(observation)).statusCode();
    }

    private void act(AssignedTask task) {
        String done = reported.getOrDefault(task.taskArn(), "");
        if ("STOPPED".equals(task.desiredStatus()) && !done.equals("STOPPED")) {
            report(task, "STOPPED", 0);
        } else if ("RUNNING".equals(task.desiredStatus()) && autoRun && done.isEmpty()) {
            report(task, "PENDING", -1);
            report(task, "RUNNING", -1);
        }
    }

    /** Reports {@code status} for the task and every container of it (exit code when {@code exitCode >= 0}). */
    void report(AssignedTask task, String status, int exitCode) {
        List<ContainerStateChange> containers = task.containers().stream()
                .map(c -> {
                    var b = ContainerStateChange.builder().containerName(c.name()).runtimeId("fake-" + c.name())
                            .status(status.equals("STOPPED") ? "STOPPED" : status);
                    if (exitCode >= 0) b.exitCode(exitCode);
                    return b.build();
                }).toList();
        String clusterName = task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1);
        ecs.submitTaskStateChange(r -> r.cluster(clusterName).task(task.taskArn()).status(status).containers(containers));
        reported.put(task.taskArn(), status);
    }

    /** Waits until a received batch has a task matching {@code wanted}; returns it. */
    AssignedTask await(Predicate<AssignedTask> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                for (AssignedTask t : r.batch().tasks()) {
                    if (wanted.test(t)) {
                        return t;
                    }
                }
            }
            sleep(20);
        }
        throw new AssertionError("no assignment matched within " + timeout + "; received " + received.size()
                + " batches");
    }

    /** When the first batch holding a task matching {@code wanted} arrived (System.nanoTime). */
    long arrival(Predicate<AssignedTask> wanted) {
        return received.stream().filter(r -> r.batch().tasks().stream().anyMatch(wanted)).mapToLong(Received::atNanos)
                .min().orElseThrow();
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body) throws Exception {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(endpoint.resolve(pathAndQuery));
        if (body.length > 0) request.putHeader("Content-Type", "application/json");
        if (!protocolVersion.isEmpty()) request.putHeader(AgentProtocol.VERSION_HEADER, protocolVersion);
        SdkHttpFullRequest unsigned = request.build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("test", "test"))
                .request(unsigned)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(Duration.ofSeconds(waitSeconds + 15L))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) values.forEach(v -> out.header(name, v));
        });
        return http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        polling = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
