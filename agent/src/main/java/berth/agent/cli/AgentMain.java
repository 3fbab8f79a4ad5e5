package berth.agent.cli;

import berth.agent.docker.DockerRuntime;
import berth.agent.loop.Agent;
import berth.agent.loop.AgentConfig;
import berth.agent.loop.AwsEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code berth agent}: joins this host to a cluster as a container instance and runs its tasks in
 * the foreground until interrupted. Stopping the agent leaves its tasks' containers running; an agent
 * started again on the same data directory re-registers as the same instance and adopts them.
 */
public final class AgentMain {

    static final String USAGE = """
            usage: berth agent --cluster NAME --endpoint URL [--cpu UNITS] [--memory MIB] [--name ID] [--zone AZ]
                               [--attribute KEY=VALUE]... [--data-dir DIR] [--region REGION] [--cleanup-wait DURATION]
                               [--instance-metadata URL]
              --cluster        the cluster to join (default: default)
              --endpoint       the berth endpoint, e.g. http://127.0.0.1:4566
              --cpu, --memory  declared capacity (default: 1024 CPU units per host CPU; host memory minus 256 MiB)
              --name           this agent's name on the host (default: agent); picks its data directory
              --zone           availability zone to register in (default: <region>a)
              --attribute      custom instance attribute, repeatable
              --data-dir       where the agent keeps its identity (default: ~/.berth/agents/<name>)
              --region         signing region (default: $AWS_REGION, else us-east-1)
              --cleanup-wait   how long stopped tasks' containers stay, e.g. 30s, 10m, 1h (default: 1h)
              --instance-metadata  the EC2 instance metadata service of this host, whose identity document
                               is registered (default: $AWS_EC2_METADATA_SERVICE_ENDPOINT; none: a made-up one)
            credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN); without them the
                         instance role's credentials from the instance metadata service; without that test/test
            """;

    /** Logback's system property naming its configuration; berth-agent.jar names its own unless the caller did. */
    private static final String LOG_CONFIGURATION = "logback.configurationFile";

    private AgentMain() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty(LOG_CONFIGURATION) == null) {
            System.setProperty(LOG_CONFIGURATION, "berth-agent-logback.xml");
        }
        AgentConfig config;
        try {
            config = parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            if (e.getMessage().equals("help")) {
                System.out.print(USAGE);
                return;
            }
            System.err.println("berth agent: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        DockerRuntime runtime = DockerRuntime.connect();
        Agent agent = Agent.start(config, runtime, Clock.systemUTC(), new berth.agent.endpoints.TaskEndpoints());
        System.out.println("berth agent " + agent.instanceId() + " registered as " + agent.containerInstanceArn()
                + " in cluster " + config.cluster() + " at " + config.endpoint().endpoint()
                + "; running its tasks (Ctrl-C stops the agent, the tasks keep running)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            runtime.close();
            stopped.countDown();
        }, "berth-agent-shutdown"));
        stopped.await();
    }

    static AgentConfig parse(List<String> args, Map<String, String> env) {
        String cluster = "default";
        String endpoint = "";
        Optional<Integer> cpu = Optional.empty();
        Optional<Long> memory = Optional.empty();
        String name = "agent";
        String zone = "";
        Map<String, String> attributes = new LinkedHashMap<>();
        String dataDir = "";
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        Duration cleanupWait = AgentConfig.DEFAULT_CLEANUP_WAIT;
        String metadata = env.getOrDefault("AWS_EC2_METADATA_SERVICE_ENDPOINT", "");
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new IllegalArgumentException("help");
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = rest.remove(0);
            switch (flag) {
                case "--cluster" -> cluster = value;
                case "--endpoint" -> endpoint = value;
                case "--cpu" -> cpu = Optional.of(positive(flag, value));
                case "--memory" -> memory = Optional.of((long) positive(flag, value));
                case "--name" -> name = value;
                case "--zone" -> zone = value;
                case "--attribute" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        attributes.put(value, "");
                    } else {
                        attributes.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                }
                case "--data-dir" -> dataDir = value;
                case "--region" -> region = value;
                case "--cleanup-wait" -> cleanupWait = AgentConfig.duration(value);
                case "--instance-metadata" -> metadata = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (endpoint.isEmpty()) {
            throw new IllegalArgumentException("--endpoint is required");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("--name may hold letters, digits, '.', '_' and '-': " + name);
        }
        URI uri = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be a URL like http://127.0.0.1:4566: " + endpoint);
        }
        Path dir = dataDir.isEmpty() ? Path.of(System.getProperty("user.home"), ".berth", "agents", name)
                : Path.of(dataDir);
        Optional<URI> instanceMetadata = metadata.isBlank() ? Optional.empty() : Optional.of(url("--instance-metadata",
                metadata));
        AwsEndpoint aws = new AwsEndpoint(uri, region, credentials(env, instanceMetadata));
        return new AgentConfig(cluster, aws, cpu, memory, name, zone, attributes, dir, cleanupWait,
                AgentConfig.DEFAULT_PARALLELISM, instanceMetadata);
    }

    /**
     * Keys from the environment; without them, on an EC2 instance, its role's credentials from the
     * instance metadata service (refreshed before they expire); else {@code test}/{@code test}.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env, Optional<URI> instanceMetadata) {
        String key = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        String token = env.getOrDefault("AWS_SESSION_TOKEN", "");
        if (!key.isEmpty() && !secret.isEmpty()) {
            return StaticCredentialsProvider.create(token.isEmpty() ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token));
        }
        if (instanceMetadata.isPresent()) {
            return InstanceProfileCredentialsProvider.builder().endpoint(instanceMetadata.get().toString()).build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static URI url(String flag, String value) {
        URI uri = URI.create(value);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(flag + " must be a URL like http://169.254.169.254: " + value);
        }
        return uri;
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a positive whole number: " + value);
    }
}
