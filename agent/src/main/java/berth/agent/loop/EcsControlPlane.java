package berth.agent.loop;

import berth.agent.core.ContainerReport;
import berth.agent.core.ContainerStateReport;
import berth.agent.core.TaskReport;
import berth.agent.runtime.NetworkBinding;
import berth.agentwire.AgentProtocol;
import berth.agentwire.AssignmentBatch;
import berth.agentwire.ProtocolVersion;
import berth.agentwire.TaskObservation;
import berth.agentwire.WireJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The control plane over ECS's public API (the SDK's {@link EcsClient}, signed like any client) and
 * berth's own assignment stream and observations (SigV4-signed for service {@code ecs} with the SDK's
 * signer, naming the agent protocol version this build speaks), both at the same endpoint.
 */
public final class EcsControlPlane implements ControlPlane {

    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "content-length", "connection", "expect");
    private static final Set<String> TRANSIENT_CODES = Set.of("ThrottlingException", "ServerException",
            "ServiceUnavailableException", "RequestTimeout");

    private final AwsEndpoint endpoint;
    private final EcsClient ecs;
    private final HttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private volatile URI pollEndpoint;

    public EcsControlPlane(AwsEndpoint endpoint) {
        this.endpoint = endpoint;
        this.pollEndpoint = endpoint.endpoint();
        this.ecs = EcsClient.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(endpoint.credentials())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build())
                .build();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String register(InstanceRegistration r) {
        List<Attribute> attributes = new ArrayList<>();
        r.attributes().forEach((name, value) -> attributes.add(value.isEmpty()
                ? Attribute.builder().name(name).build() : Attribute.builder().name(name).value(value).build()));
        List<Tag> tags = r.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return call("RegisterContainerInstance", () -> ecs.registerContainerInstance(b -> {
            b.cluster(r.cluster())
                    .instanceIdentityDocument(r.identityDocument())
                    .totalResources(
                            Resource.builder().name("CPU").type("INTEGER").integerValue(r.cpuUnits()).build(),
                            Resource.builder().name("MEMORY").type("INTEGER").integerValue((int) r.memoryMiB()).build(),
                            Resource.builder().name("PORTS").type("STRINGSET").stringSetValue(r.reservedTcpPorts()).build(),
                            Resource.builder().name("PORTS_UDP").type("STRINGSET").stringSetValue(r.reservedUdpPorts())
                                    .build())
                    .versionInfo(v -> v.agentVersion(r.agentVersion()).agentHash("berth")
                            .dockerVersion("DockerVersion: " + r.dockerVersion()))
                    .attributes(attributes);
            if (!tags.isEmpty()) {
                b.tags(tags);
            }
            r.containerInstanceArn().ifPresent(b::containerInstanceArn);
        }).containerInstance().containerInstanceArn());
    }

    @Override
    public Optional<String> discoverPollEndpoint(String cluster, String containerInstanceArn) {
        String found = call("DiscoverPollEndpoint", () -> ecs.discoverPollEndpoint(b -> b.cluster(cluster)
                .containerInstance(containerInstanceArn)).endpoint());
        if (found != null && (found.startsWith("http://") || found.startsWith("https://"))) {
            pollEndpoint = URI.create(found.endsWith("/") ? found.substring(0, found.length() - 1) : found);
            return Optional.of(found);
        }
        return Optional.empty();
    }

    @Override
    public AssignmentBatch assignments(String cluster, String containerInstance, long since, int waitSeconds) {
        String query = "cluster=" + encode(cluster) + "&containerInstance=" + encode(containerInstance)
                + "&since=" + since + "&waitSeconds=" + waitSeconds;
        URI uri = URI.create(pollEndpoint + AgentProtocol.ASSIGNMENTS + "?" + query);
        HttpResponse<byte[]> response = send("GET", uri, new byte[0], Duration.ofSeconds(waitSeconds + 15L));
        try {
            return WireJson.read(response.body(), AssignmentBatch.class);
        } catch (IOException e) {
            throw new ControlPlaneException("unreadable assignments from " + uri + ": " + e.getMessage(), "", false, e);
        }
    }

    @Override
    public void submitTaskStateChange(TaskReport report) {
        call("SubmitTaskStateChange", () -> ecs.submitTaskStateChange(b -> {
            b.cluster(report.cluster()).task(report.taskArn()).status(report.status().name())
                    .containers(report.containers().stream().map(EcsControlPlane::containerChange).toList());
            if (!report.reason().isEmpty()) {
                b.reason(report.reason());
            }
            report.pullStartedAt().ifPresent(b::pullStartedAt);
            report.pullStoppedAt().ifPresent(b::pullStoppedAt);
            report.executionStoppedAt().ifPresent(b::executionStoppedAt);
        }));
    }

    @Override
    public void submitContainerStateChange(ContainerStateReport report) {
        ContainerReport c = report.container();
        call("SubmitContainerStateChange", () -> ecs.submitContainerStateChange(b -> {
            b.cluster(report.cluster()).task(report.taskArn()).containerName(c.containerName()).status(c.status())
                    .networkBindings(bindings(c.networkBindings()));
            if (!c.runtimeId().isEmpty()) {
                b.runtimeId(c.runtimeId());
            }
            c.exitCode().ifPresent(b::exitCode);
            if (!c.reason().isEmpty()) {
                b.reason(c.reason());
            }
        }));
    }

    @Override
    public void observe(TaskObservation observation) {
        send("POST", URI.create(pollEndpoint + AgentProtocol.OBSERVATIONS), WireJson.write(observation),
                Duration.ofSeconds(30));
    }

    @Override
    public void reportUsage(berth.agentwire.UsageReport report) {
        send("POST", URI.create(pollEndpoint + AgentProtocol.USAGE), WireJson.write(report), Duration.ofSeconds(30));
    }

    private static ContainerStateChange containerChange(ContainerReport c) {
        ContainerStateChange.Builder b = ContainerStateChange.builder().containerName(c.containerName())
                .status(c.status()).networkBindings(bindings(c.networkBindings()));
        if (!c.runtimeId().isEmpty()) {
            b.runtimeId(c.runtimeId());
        }
        if (!c.imageDigest().isEmpty()) {
            b.imageDigest(c.imageDigest());
        }
        c.exitCode().ifPresent(b::exitCode);
        if (!c.reason().isEmpty()) {
            b.reason(c.reason());
        }
        return b.build();
    }

    private static List<software.amazon.awssdk.services.ecs.model.NetworkBinding> bindings(List<NetworkBinding> in) {
        return in.stream().map(n -> software.amazon.awssdk.services.ecs.model.NetworkBinding.builder()
                .bindIP(n.bindIp()).containerPort(n.containerPort()).hostPort(n.hostPort())
                .protocol(n.protocol().wireName()).build()).toList();
    }

    private HttpResponse<byte[]> send(String method, URI uri, byte[] body, Duration timeout) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader(AgentProtocol.VERSION_HEADER, ProtocolVersion.CURRENT.toString());
        if (body.length > 0) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        SignedRequest signed = signer.sign(r -> r
                .identity(endpoint.credentials().resolveCredentials())
                .request(unsigned.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.region()));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri()).timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ControlPlaneException(method + " " + uri.getPath() + ": no answer from " + uri.getHost() + ":"
                    + uri.getPort() + " (" + e + ")", "", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException(method + " " + uri.getPath() + " interrupted", "", false, e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            boolean permanent = response.statusCode() / 100 == 4 && response.statusCode() != 429
                    && response.statusCode() != 408;
            throw new ControlPlaneException(method + " " + uri.getPath() + " answered " + response.statusCode() + ": "
                    + text, Integer.toString(response.statusCode()), permanent, null);
        }
        return response;
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
            boolean permanent = e.statusCode() / 100 == 4 && !e.isThrottlingException() && !TRANSIENT_CODES.contains(code);
            throw new ControlPlaneException(operation + ": " + code + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), code,
                    permanent, e);
        } catch (SdkException e) {
            throw new ControlPlaneException(operation + ": " + e.getMessage(), "", false, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        ecs.close();
        // abort a long poll in flight rather than wait it out
        http.shutdownNow();
    }

    /** The control plane's endpoint as configured. */
    public AwsEndpoint endpoint() {
        return endpoint;
    }
}
