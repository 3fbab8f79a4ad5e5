package berth.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Images for tests that run real containers without a registry. Any module's test can call
 * {@code TestImages.ensureBusybox()} (depend on the {@code agent} test-jar) and get a local image
 * with busybox's applets in {@code /bin}: {@code sh}, {@code httpd}, {@code nc}, {@code wget},
 * {@code sleep}… The image is built once per engine with the docker CLI by
 * {@code build-busybox-image.sh} (on the test classpath; a launcher can run the same script), from the
 * host's busybox-static.
 */
public final class TestImages {

    /** The tag of the busybox test image. */
    public static final String BUSYBOX = "berth-test/busybox:latest";

    private static final String BUSYBOX_SCRIPT = "/build-busybox-image.sh";
    private static final String AWS_CLI_SCRIPT = "/build-awscli-image.sh";
    private static final Set<String> READY = new HashSet<>();
    private static String awsCli;

    private TestImages() {}

    /** Makes {@link #BUSYBOX} present on the engine the docker CLI talks to and returns its tag. */
    public static String ensureBusybox() {
        return ensureBusybox(BUSYBOX);
    }

    /**
     * Makes a busybox image tagged {@code tag} present and returns the tag.
     *
     * @throws IllegalStateException with the reason (no engine, no busybox-static, no docker CLI)
     */
    public static synchronized String ensureBusybox(String tag) {
        if (!READY.contains(tag)) {
            runScript(BUSYBOX_SCRIPT, tag, Duration.ofMinutes(3));
            READY.add(tag);
        }
        return tag;
    }

    /**
     * Makes an image holding the host's own aws CLI v1 (and just enough of its Python) present, built
     * by {@code build-awscli-image.sh} once per engine and CLI version, and returns its tag.
     *
     * @throws IllegalStateException with the reason (no CLI v1, no engine, no busybox-static)
     */
    public static synchronized String ensureAwsCli() {
        if (awsCli == null) {
            String output = runScript(AWS_CLI_SCRIPT, "", Duration.ofMinutes(5));
            awsCli = output.lines().reduce((first, last) -> last).orElseThrow(
                    () -> new IllegalStateException(AWS_CLI_SCRIPT + " printed no image tag"));
        }
        return awsCli;
    }

    /** Runs a build script from the classpath with one argument (none when empty); its output, stripped. */
    private static String runScript(String resource, String argument, Duration timeout) {
        Path script = extract(resource);
        try {
            ProcessBuilder command = argument.isEmpty() ? new ProcessBuilder("sh", script.toString())
                    : new ProcessBuilder("sh", script.toString(), argument);
            Process p = command.redirectErrorStream(true).start();
            String output;
            try (InputStream out = p.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(resource + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("cannot provide test image (" + resource + " exit " + p.exitValue()
                        + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + " (is sh installed? the docker CLI on PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + resource, e);
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /** Copies a script out of the classpath (it may live in a jar) into a temp file. */
    private static Path extract(String resource) {
        try (InputStream in = TestImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Path script = Files.createTempFile("berth-test-image", ".sh");
            Files.write(script, in.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + resource, e);
        }
    }
}
