package berth.apprunner.control;

import berth.apprunner.core.AppService;
import berth.apprunner.core.CodeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/**
 * Builds source code services into images in berth's ECR, one build at a time per service on a
 * thread of its own (so a build holds up no other service's pass): the repository's branch is
 * cloned with the git CLI, built by the Docker engine with the docker CLI (the directory's own
 * Dockerfile, or for {@code API} configurations one on the runtime's base image, see
 * {@link RuntimeImages}), and pushed to repository {@code apprunner/NAME-ID8} of the account's ECR,
 * signed in with an ECR authorization token.
 */
final class SourceBuilds implements AutoCloseable {
    /** A finished build: the image by digest and the commit it was built from. */
    record Built(String image, String commit) {}

    private final AccountClients clients;
    private final String registryHost;
    private final RuntimeImages runtimes;
    private final ExecutorService builders = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "apprunner-build");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(long generation, Future<Built> build) {}

    SourceBuilds(AccountClients clients, String registryHost, RuntimeImages runtimes) {
        this.clients = clients;
        this.registryHost = registryHost;
        this.runtimes = runtimes;
    }

    /**
     * The build of the service's current generation: started when none runs for it, empty while it
     * runs, the image once done.
     *
     * @throws IllegalStateException when the build failed (the message says why)
     */
    java.util.Optional<Built> build(AppService s) {
        Running r = running.compute(s.arn(), (arn, current) -> current != null && current.generation() == s.generation()
                ? current : new Running(s.generation(), builders.submit(() -> run(s))));
        if (!r.build().isDone()) return java.util.Optional.empty();
        running.remove(s.arn(), r);
        try {
            return java.util.Optional.of(r.build().get());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("build interrupted");
        }
    }

    /** The commit the service's branch is at now, for auto deployment; empty when it cannot be read. */
    java.util.Optional<String> head(CodeSource code) {
        try {
            String out = run(null, "git", "ls-remote", url(code), "refs/heads/" + code.branch());
            return out.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(out.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private Built run(AppService s) throws Exception {
        CodeSource code = s.code();
        Path work = Files.createTempDirectory("berth-apprunner-build");
        try {
            Path checkout = work.resolve("src");
            run(null, "git", "clone", "--quiet", "--depth", "1", "--branch", code.branch(), url(code), checkout.toString());
            String commit = run(checkout, "git", "rev-parse", "HEAD").strip();
            Path context = checkout.resolve(code.sourceDirectory().replaceFirst("^/+", "")).normalize();
            if (!context.startsWith(checkout) || !Files.isDirectory(context)) {
                throw new IllegalStateException("SourceDirectory " + code.sourceDirectory() + " is not a directory of the repository");
            }
            Path dockerfile;
            if (code.configurationSource().equals("API")) {
                dockerfile = work.resolve("Dockerfile");
                Files.writeString(dockerfile, code.dockerfile(runtimes.baseImage(code.runtime()), s.source().port(),
                        s.source().environment()));
            } else {
                dockerfile = context.resolve("Dockerfile");
                if (!Files.isRegularFile(dockerfile)) {
                    throw new IllegalStateException("ConfigurationSource REPOSITORY: berth builds the directory's Dockerfile,"
                            + " and " + code.sourceDirectory() + " has none (apprunner.yaml is not read)");
                }
            }
            String repository = "apprunner/" + s.name().toLowerCase() + "-" + s.id().substring(0, 8);
            var ecr = clients.of(s.scope()).ecr();
            try {
                ecr.createRepository(r -> r.repositoryName(repository));
            } catch (RepositoryAlreadyExistsException exists) {
                // made by an earlier build
            }
            String tag = registryHost + "/" + repository + ":" + commit.substring(0, 12);
            run(null, "docker", "build", "-q", "-t", tag, "-f", dockerfile.toString(), context.toString());
            Path config = work.resolve("docker");
            Files.createDirectories(config);
            String token = new String(Base64.getDecoder().decode(ecr.getAuthorizationToken(r -> {})
                    .authorizationData().get(0).authorizationToken()), StandardCharsets.UTF_8);
            runWithInput(token.substring(token.indexOf(':') + 1), "docker", "--config", config.toString(), "login",
                    "--username", "AWS", "--password-stdin", registryHost);
            run(null, "docker", "--config", config.toString(), "push", "-q", tag);
            run(null, "docker", "rmi", tag);
            String digest = ecr.describeImages(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(commit.substring(0, 12))))
                    .imageDetails().get(0).imageDigest();
            return new Built(registryHost + "/" + repository + "@" + digest, commit);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String url(CodeSource code) {
        return code.repositoryUrl();
    }

    private static String run(Path dir, String... command) throws IOException {
        return exec(dir, "", command);
    }

    private static String runWithInput(String stdin, String... command) throws IOException {
        return exec(null, stdin, command);
    }

    private static String exec(Path dir, String stdin, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        if (dir != null) builder.directory(dir.toFile());
        builder.environment().put("DOCKER_BUILDKIT", "0");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p = builder.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(command[0] + " " + command[1] + " did not finish in 10 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (p.exitValue() != 0) {
            List<String> tail = new ArrayList<>(out.lines().toList());
            String last = String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
            throw new IllegalStateException(command[0] + " " + command[1] + " failed: " + last);
        }
        return out;
    }

    @Override
    public void close() {
        builders.shutdownNow();
    }
}
