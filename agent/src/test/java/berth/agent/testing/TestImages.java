package berth.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final String BUILD_SCRIPT = "/build-busybox-image.sh";
    private static final Set<String> READY = new HashSet<>();

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
        if (READY.contains(tag)) {
            return tag;
        }
        Path script = buildScript();
        try {
            Process p = new ProcessBuilder("sh", script.toString(), tag).redirectErrorStream(true).start();
            String output;
            try (InputStream out = p.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("building test image " + tag + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("cannot provide test image " + tag + " (exit " + p.exitValue()
                        + "): " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + " (is sh installed? the docker CLI on PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building test image " + tag, e);
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
        READY.add(tag);
        return tag;
    }

    /** Copies the build script out of the classpath (it may live in a jar) into a temp file. */
    private static Path buildScript() {
        try (InputStream in = TestImages.class.getResourceAsStream(BUILD_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_SCRIPT + " is not on the test classpath");
            }
            Path script = Files.createTempFile("build-busybox-image", ".sh");
            Files.write(script, in.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + BUILD_SCRIPT, e);
        }
    }
}
