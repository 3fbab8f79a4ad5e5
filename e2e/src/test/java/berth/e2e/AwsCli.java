package berth.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code aws} command line: v1 (first on PATH) and v2 (Debian's, at /usr/bin/aws). */
public final class AwsCli {
    public record Result(int exitCode, String stdout, String stderr) {}

    private final String executable;

    private AwsCli(String executable) {
        this.executable = executable;
    }

    /** Every distinct aws CLI installed here: the one on PATH and /usr/bin/aws. */
    public static List<AwsCli> installed() {
        List<AwsCli> found = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "aws");
            if (Files.isExecutable(candidate)) {
                seen.add(candidate.toString());
                break;
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/aws")) && !seen.contains("/usr/bin/aws")) seen.add("/usr/bin/aws");
        seen.forEach(s -> found.add(new AwsCli(s)));
        return found;
    }

    public String version() throws Exception {
        Result r = run(URI.create("http://127.0.0.1:1"), "test", "test", "--version");
        return (r.stdout() + r.stderr()).trim();
    }

    public Result run(URI endpoint, String key, String secret, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable, "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", key);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", secret);
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().put("AWS_MAX_ATTEMPTS", "1");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_SESSION_TOKEN");
        Path out = Files.createTempFile("aws-out", ".txt");
        Path err = Files.createTempFile("aws-err", ".txt");
        try {
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Override
    public String toString() {
        return executable;
    }
}
