package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The real registry clients the tests drive: the docker CLI (with its own config directory, so logins
 * stay out of the machine's), skopeo, the aws CLI for login passwords, and plain HTTP for the
 * requests no client would send.
 */
final class RegistryClients {
    record Result(int exitCode, String stdout, String stderr) {
        Result ok() {
            assertThat(exitCode).as("exit code; stderr: " + stderr + " stdout: " + stdout).isZero();
            return this;
        }
    }

    private final URI endpoint;
    private final Path dockerConfig;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    RegistryClients(URI endpoint) throws IOException {
        this.endpoint = endpoint;
        this.dockerConfig = Files.createTempDirectory("berth-docker-config");
    }

    /** {@code 127.0.0.1:PORT}: the registry host docker and skopeo name images with. */
    String host() {
        return endpoint.getAuthority();
    }

    /** {@code aws ecr get-login-password} of the account whose root signs with {@code accessKey}/test. */
    String loginPassword(String accessKey) throws Exception {
        return loginPassword(accessKey, "us-east-1");
    }

    /** {@code aws ecr get-login-password --region REGION}: opens that account's registry in {@code region}. */
    String loginPassword(String accessKey, String region) throws Exception {
        AwsCli aws = AwsCli.installed().get(0);
        AwsCli.Result result = aws.run(endpoint, accessKey, "test", "ecr", "get-login-password", "--region", region);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().trim();
    }

    /** {@code aws ecr get-login-password | docker login --username AWS --password-stdin HOST}. */
    void dockerLogin(String accessKey) throws Exception {
        dockerLogin(accessKey, "us-east-1");
    }

    /** Logs this client's docker in to the registry of {@code accessKey}'s account in {@code region}. */
    void dockerLogin(String accessKey, String region) throws Exception {
        run(loginPassword(accessKey, region), List.of("docker", "--config", dockerConfig.toString(), "login", "--username", "AWS",
                "--password-stdin", host())).ok();
    }

    Result docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "--config", dockerConfig.toString()));
        command.addAll(List.of(args));
        return run("", command);
    }

    Result skopeo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(args));
        return run("", command);
    }

    /** Builds {@code tag} offline: the test busybox plus one layer per file (random bytes) and a RUN layer. */
    void buildImage(String tag, Map<String, Integer> randomFiles, String runCommand, long seed) throws Exception {
        ensureBusybox();
        Path dir = Files.createTempDirectory("berth-image");
        StringBuilder dockerfile = new StringBuilder("FROM berth-test/busybox:latest\n");
        Random random = new Random(seed);
        for (var file : randomFiles.entrySet()) {
            byte[] bytes = new byte[file.getValue()];
            random.nextBytes(bytes);
            Files.write(dir.resolve(file.getKey()), bytes);
            dockerfile.append("COPY ").append(file.getKey()).append(" /data/").append(file.getKey()).append('\n');
        }
        if (!runCommand.isEmpty()) dockerfile.append("RUN ").append(runCommand).append('\n');
        Files.writeString(dir.resolve("Dockerfile"), dockerfile.toString());
        Result built = run("", List.of("docker", "build", "-q", "-t", tag, dir.toString()), Map.of("DOCKER_BUILDKIT", "0"));
        built.ok();
    }

    static void ensureBusybox() throws Exception {
        if (run("", List.of("docker", "image", "inspect", "berth-test/busybox:latest")).exitCode() == 0) return;
        Path script = Path.of("..", "agent", "src", "test", "resources", "build-busybox-image.sh").toAbsolutePath().normalize();
        run("", List.of("bash", script.toString())).ok();
    }

    /** A plain HTTP request to the registry with {@code headers} (an Authorization header among them, or not). */
    HttpResponse<byte[]> request(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 && !method.equals("PUT") && !method.equals("PATCH") && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Result run(String stdin, List<String> command) throws Exception {
        return run(stdin, command, Map.of());
    }

    static Result run(String stdin, List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("cmd-out", ".txt");
        Path err = Files.createTempFile("cmd-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
