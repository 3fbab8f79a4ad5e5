package berth.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code terraform} command line, run on a copy of a stack from the test resources with the
 * hashicorp/aws provider taken from a local filesystem mirror (never the registry): {@code init},
 * {@code apply}, {@code plan -detailed-exitcode}, {@code destroy}, each with a timeout and its output
 * captured.
 */
public final class Terraform {
    /** Where a hashicorp/aws provider mirror may be, after {@code BERTH_TF_PLUGIN_DIR}. */
    private static final List<String> MIRROR_CANDIDATES = List.of("/opt/tf-plugins",
            System.getProperty("user.home") + "/.terraform.d/plugins", "/usr/share/terraform/plugins",
            "/usr/local/share/terraform/plugins");
    private static final Path AWS_PROVIDER = Path.of("registry.terraform.io", "hashicorp", "aws");
    /** Environment a developer's shell may carry that would point the provider elsewhere. */
    private static final List<String> CLEARED_ENV = List.of("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE", "TF_LOG", "TF_LOG_PATH", "TF_CLI_ARGS", "TF_DATA_DIR", "TF_WORKSPACE");

    /** What one command did: its exit code and everything it printed (stdout, then stderr). */
    public record Result(String command, int exitCode, String output) {
        /** The result, if the command exited with {@code expected}; otherwise fails with its output. */
        public Result expectExit(int expected) {
            if (exitCode != expected) {
                throw new AssertionError("terraform " + command + " exited " + exitCode + " (expected " + expected + "):\n"
                        + output);
            }
            return this;
        }
    }

    private final Path executable;
    private final Path workDir;
    private final Path cliConfig;
    private final Duration timeout;

    private Terraform(Path executable, Path workDir, Path cliConfig, Duration timeout) {
        this.executable = executable;
        this.workDir = workDir;
        this.cliConfig = cliConfig;
        this.timeout = timeout;
    }

    /** The {@code terraform} first on PATH. */
    public static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "terraform");
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * A directory holding {@code registry.terraform.io/hashicorp/aws} in Terraform's mirror layout:
     * {@code BERTH_TF_PLUGIN_DIR} if set, else the first of the usual plugin directories that has it.
     */
    public static Optional<Path> providerMirror() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("BERTH_TF_PLUGIN_DIR")).filter(s -> !s.isBlank()).ifPresent(candidates::add);
        candidates.addAll(MIRROR_CANDIDATES);
        return candidates.stream().map(Path::of).filter(dir -> Files.isDirectory(dir.resolve(AWS_PROVIDER))).findFirst();
    }

    /**
     * Copies the stack in test resource directory {@code resourceDir} (e.g. {@code terraform/iam-stack})
     * to {@code workDir} and prepares a CLI configuration that installs hashicorp/aws from {@code mirror}
     * only.
     */
    public static Terraform stack(Path executable, Path mirror, String resourceDir, Path workDir, Duration timeout) {
        try {
            copyResources(resourceDir, workDir);
            Path cliConfig = workDir.resolve(".terraformrc");
            Files.writeString(cliConfig, """
                    provider_installation {
                      filesystem_mirror {
                        path    = "%s"
                        include = ["registry.terraform.io/hashicorp/aws"]
                      }
                      direct {
                        exclude = ["registry.terraform.io/hashicorp/aws"]
                      }
                    }
                    """.formatted(mirror.toAbsolutePath()));
            return new Terraform(executable, workDir, cliConfig, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path workDir() {
        return workDir;
    }

    public Result init() {
        return run(List.of("init", "-input=false", "-no-color"));
    }

    public Result apply(Map<String, String> vars) {
        return run(withVars(List.of("apply", "-auto-approve", "-input=false", "-no-color"), vars));
    }

    /** {@code plan -detailed-exitcode}: 0 when nothing would change, 2 when something would, 1 on errors. */
    public Result plan(Map<String, String> vars) {
        return run(withVars(List.of("plan", "-detailed-exitcode", "-input=false", "-no-color"), vars));
    }

    public Result destroy(Map<String, String> vars) {
        return run(withVars(List.of("destroy", "-auto-approve", "-input=false", "-no-color"), vars));
    }

    /** The state's string outputs by name ({@code output -json}). */
    public Map<String, String> outputs() {
        String json = run(List.of("output", "-json", "-no-color")).expectExit(0).output();
        try {
            Map<String, String> outputs = new TreeMap<>();
            new ObjectMapper().readTree(json).fields()
                    .forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().path("value").asText()));
            return outputs;
        } catch (IOException e) {
            throw new AssertionError("terraform output -json printed no JSON:\n" + json, e);
        }
    }

    /** Any terraform command in the stack's directory; it is killed when it outlasts the timeout. */
    public Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        String shown = String.join(" ", args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        CLEARED_ENV.forEach(builder.environment()::remove);
        builder.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        builder.environment().put("TF_IN_AUTOMATION", "1");
        builder.environment().put("TF_INPUT", "0");
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        try {
            Path log = Files.createTempFile(workDir, "terraform-", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("terraform " + shown + " did not finish within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(shown, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while terraform " + shown + " ran", e);
        }
    }

    private static List<String> withVars(List<String> args, Map<String, String> vars) {
        List<String> out = new ArrayList<>(args);
        new TreeMap<>(vars).forEach((name, value) -> out.add("-var=" + name + "=" + value));
        return out;
    }

    /** Copies a directory of test resources (as compiled to the test classpath) with everything under it. */
    private static void copyResources(String resourceDir, Path target) throws IOException {
        URL url = Terraform.class.getClassLoader().getResource(resourceDir);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalArgumentException("no test resource directory " + resourceDir + " (got " + url + ")");
        }
        Path source;
        try {
            source = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
