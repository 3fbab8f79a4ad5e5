package berth.e2e.registry;

import berth.e2e.Policies;

import berth.e2e.ecs.TaskRuns;
import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AgentJar;
import berth.e2e.BerthProcess;
import berth.e2e.Clients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Images pushed to berth's registry with the docker CLI and run by ECS: the local agent and an agent
 * that reaches berth on another address of this host sign in with an ECR token and pull the pushed
 * digest; a wrong password or another account's repository fails the task with
 * {@code CannotPullContainerError}.
 */
class EcsPullsFromEcrTest {
    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static final String EXECUTION_ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";
    /** The docker0 bridge gateway: an address of this host other than loopback. */
    private static final String BRIDGE_ADDRESS = "172.17.0.1";

    @TempDir
    static Path home;
    static BerthProcess berth;
    static EcsClient ecs;
    static EcrClient ecr;
    static RegistryClients clients;
    static Process remoteAgent;
    static final List<String> remoteOutput = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        RegistryClients.ensureBusybox();
        berth = BerthProcess.start(home.resolve("berth"), Map.of("BERTH_BIND", "0.0.0.0"));
        ecs = Clients.ecs(berth.endpoint());
        ecr = ecr("test");
        clients = new RegistryClients(berth.endpoint());
        clients.dockerLogin("test");
        try (IamClient iam = IamClient.builder().endpointOverride(berth.endpoint()).region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            iam.createRole(r -> r.roleName("ecsTaskExecutionRole")
                    .assumeRolePolicyDocument(Policies.trustService("ecs-tasks.amazonaws.com")));
            iam.putRolePolicy(r -> r.roleName("ecsTaskExecutionRole").policyName("pull").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\",\"Action\":["
                    + "\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                    + "\"ecr:BatchGetImage\",\"secretsmanager:GetSecretValue\"]}]}"));
            iam.createRole(r -> r.roleName("noPullRole")
                    .assumeRolePolicyDocument(Policies.trustService("ecs-tasks.amazonaws.com")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (remoteAgent != null) {
            remoteAgent.destroy();
            if (!remoteAgent.waitFor(15, TimeUnit.SECONDS)) remoteAgent.destroyForcibly();
        }
        if (berth == null) return;
        Files.writeString(Path.of("target", "EcsPullsFromEcrTest-berth.log"), berth.output() + "\n--- remote agent\n"
                + String.join("\n", remoteOutput));
        // the local agent labels its containers with the endpoint, the remote one with the bridge address
        TaskRuns.removeContainers(berth.endpoint());
        TaskRuns.removeContainers(URI.create("http://" + BRIDGE_ADDRESS + ":" + berth.endpoint().getPort()));
        String images = clients.docker("images", "--format", "{{.Repository}}:{{.Tag}}").stdout();
        for (String image : lines(images)) {
            if (image.startsWith(clients.host() + "/") || image.startsWith(BRIDGE_ADDRESS + ":" + berth.endpoint().getPort() + "/")) {
                clients.docker("rmi", "-f", image);
            }
        }
        ecs.close();
        ecr.close();
        berth.close();
    }

    @Test
    void theLocalAgentPullsThePushedImageWithAndWithoutAnExecutionRole() throws Exception {
        String uri = ecr.createRepository(r -> r.repositoryName("ecs/app")).repository().repositoryUri();
        assertThat(uri).isEqualTo(clients.host() + "/ecs/app");
        String digest = pushFreshImage(uri + ":v1", 41);
        awaitInstances("default");

        for (boolean withRole : List.of(false, true)) {
            String family = withRole ? "app-with-role" : "app";
            ecs.registerTaskDefinition(r -> {
                r.family(family).containerDefinitions(c -> c.name("app").image(uri + ":v1").memory(32)
                        .stopTimeout(1).command("sh", "-c", "cat /data/marker; exec sleep 600"));
                if (withRole) r.executionRoleArn(EXECUTION_ROLE);
            });
            Task task = TaskRuns.runAndAwait(ecs, "default", family, "RUNNING");
            assertThat(task.containers().get(0).imageDigest()).isEqualTo(digest);
            assertThat(repoDigests(uri + ":v1")).contains(uri + "@" + digest);
            String container = lines(clients.docker("ps", "-q", "--filter", "label=berth.task-arn=" + task.taskArn())
                    .ok().stdout()).get(0);
            Instant logged = Instant.now().plusSeconds(10);
            while (clients.docker("logs", container).ok().stdout().isEmpty() && Instant.now().isBefore(logged)) sleep(100);
            assertThat(clients.docker("logs", container).ok().stdout()).as("the file the pushed layer added")
                    .isEqualTo("pulled-from-berth\n");
            ecs.stopTask(r -> r.cluster("default").task(task.taskArn()));
            TaskRuns.awaitSettled(ecs, "default", task.taskArn(), "STOPPED");
            clients.docker("rmi", "-f", uri + ":v1").ok();
        }
    }

    @Test
    void anAgentOnAnotherAddressOfThisHostPullsThroughThatAddress() throws Exception {
        RegistryClients.run("", List.of("bash", insecureRegistryScript().toString(), BRIDGE_ADDRESS + "/32")).ok();
        URI remoteEndpoint = URI.create("http://" + BRIDGE_ADDRESS + ":" + berth.endpoint().getPort());
        ecs.createCluster(r -> r.clusterName("remote"));
        startRemoteAgent(remoteEndpoint, "remote");
        awaitInstances("remote");

        ecr.createRepository(r -> r.repositoryName("ecs/remote"));
        String digest = pushFreshImage(clients.host() + "/ecs/remote:v1", 42);
        String image = remoteEndpoint.getAuthority() + "/ecs/remote:v1";
        ecs.registerTaskDefinition(r -> r.family("remote-app").executionRoleArn(EXECUTION_ROLE)
                .containerDefinitions(c -> c.name("app").image(image).memory(32).stopTimeout(1).command("sh", "-c", "exec sleep 600")));
        Task task = TaskRuns.runAndAwait(ecs, "remote", "remote-app", "RUNNING");
        assertThat(task.containers().get(0).imageDigest()).isEqualTo(digest);
        assertThat(repoDigests(image)).contains(remoteEndpoint.getAuthority() + "/ecs/remote@" + digest);
        ecs.stopTask(r -> r.cluster("remote").task(task.taskArn()));
        TaskRuns.awaitSettled(ecs, "remote", task.taskArn(), "STOPPED");
    }

    @Test
    void aWrongPasswordOrAnotherAccountsRepositoryFailsTheTaskWithCannotPullContainerError() throws Exception {
        awaitInstances("default");
        ecr.createRepository(r -> r.repositoryName("ecs/guarded"));
        String guarded = clients.host() + "/ecs/guarded:v1";
        pushFreshImage(guarded, 43);
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(berth.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            String wrong = secrets.createSecret(r -> r.name("wrong-registry-login")
                    .secretString("{\"username\":\"AWS\",\"password\":\"not-a-token\"}")).arn();
            ecs.registerTaskDefinition(r -> r.family("wrong-password").executionRoleArn(EXECUTION_ROLE)
                    .containerDefinitions(c -> c.name("app").image(guarded).memory(32).command("true")
                            .repositoryCredentials(rc -> rc.credentialsParameter(wrong))));
        }
        Task wrongPassword = TaskRuns.runAndAwait(ecs, "default", "wrong-password", "STOPPED");
        assertThat(wrongPassword.containers().get(0).reason()).startsWith("CannotPullContainerError:")
                .contains("unauthorized");

        ecs.registerTaskDefinition(r -> r.family("no-pull-role").executionRoleArn("arn:aws:iam::000000000000:role/noPullRole")
                .containerDefinitions(c -> c.name("app").image(guarded).memory(32).command("true")));
        Task noPullRole = TaskRuns.runAndAwait(ecs, "default", "no-pull-role", "STOPPED");
        assertThat(noPullRole.containers().get(0).reason()).startsWith("CannotPullContainerError:")
                .contains("ecr:GetAuthorizationToken");

        try (EcrClient other = ecr("111111111111")) {
            other.createRepository(r -> r.repositoryName("ecs/theirs"));
        }
        RegistryClients otherClients = new RegistryClients(berth.endpoint());
        otherClients.dockerLogin("111111111111");
        String theirs = clients.host() + "/ecs/theirs:v1";
        otherClients.buildImage(theirs, Map.of("theirs.bin", 10_000), "", 44);
        otherClients.docker("push", theirs).ok();
        otherClients.docker("rmi", "-f", theirs).ok();
        ecs.registerTaskDefinition(r -> r.family("theirs").containerDefinitions(c -> c.name("app").image(theirs)
                .memory(32).command("true")));
        Task otherAccount = TaskRuns.runAndAwait(ecs, "default", "theirs", "STOPPED");
        assertThat(otherAccount.containers().get(0).reason()).startsWith("CannotPullContainerError:")
                .contains("name unknown");
    }

    /** Builds {@code image} (busybox plus a file and a marker), pushes it, removes the local copy; the pushed digest. */
    private static String pushFreshImage(String image, long seed) throws Exception {
        clients.buildImage(image, Map.of("payload.bin", 200_000), "echo pulled-from-berth > /data/marker", seed);
        RegistryClients.Result pushed = clients.docker("push", image).ok();
        Matcher m = PUSHED_DIGEST.matcher(pushed.stdout());
        assertThat(m.find()).as(pushed.stdout()).isTrue();
        clients.docker("rmi", "-f", image).ok();
        assertThat(clients.docker("image", "inspect", image).exitCode()).as("the local copy is gone").isNotZero();
        return m.group(1);
    }

    private static List<String> repoDigests(String image) throws Exception {
        return lines(clients.docker("image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", image)
                .ok().stdout());
    }

    private static void awaitInstances(String cluster) {
        if (cluster.equals("default")) {
            // the local agent joins the default cluster once it exists; a fresh account has none
            ecs.createCluster(r -> r.clusterName("default"));
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                List<String> arns = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
                if (!arns.isEmpty() && ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns))
                        .containerInstances().stream().allMatch(i -> Boolean.TRUE.equals(i.agentConnected()))) {
                    return;
                }
            } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException notYet) {
                // a remote agent's cluster that the test creates meanwhile
            } catch (software.amazon.awssdk.services.ecs.model.EcsException failed) {
                throw new AssertionError("ListContainerInstances failed; berth output:\n" + berth.output(), failed);
            }
            if (Instant.now().isAfter(deadline)) throw new AssertionError(cluster + " has no connected agent\n" + remoteOutput);
            sleep(200);
        }
    }

    /** {@code berth agent} as its own JVM from the agent's jar, reaching berth at {@code endpoint}; returns once registered. */
    private static void startRemoteAgent(URI endpoint, String cluster) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(AgentJar.command(List.of("--endpoint", endpoint.toString(),
                "--data-dir", Files.createDirectories(home.resolve("remote-agent")).toString(), "--cluster", cluster,
                "--name", "remote"))).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "us-east-1"));
        remoteAgent = builder.start();
        CountDownLatch registered = new CountDownLatch(1);
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(remoteAgent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (remoteOutput) {
                        remoteOutput.add(line);
                    }
                    if (line.startsWith("berth agent ") && line.contains("registered as ")) registered.countDown();
                }
            } catch (IOException ended) {
                // the agent exited
            }
        }, "remote-agent-output");
        pump.setDaemon(true);
        pump.start();
        if (!registered.await(60, TimeUnit.SECONDS)) throw new AssertionError("agent did not register:\n" + remoteOutput);
    }

    private static Path insecureRegistryScript() {
        return Path.of("..", "e2e", "src", "test", "resources", "docker-insecure-registry.sh").toAbsolutePath().normalize();
    }

    private static EcrClient ecr(String accessKey) {
        return EcrClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test"))).build();
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
