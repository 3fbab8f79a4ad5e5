package berth.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * berth running as its own JVM, the way {@code berth up} runs it, so tests can kill it with SIGKILL
 * and start it again on the same home directory.
 */
public final class BerthProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("endpoint\\s+(http://\\S+)");

    private final Path home;
    private final Map<String, String> env;
    private final List<String> extraArgs;
    private final List<String> output = new ArrayList<>();
    private Process process;
    private URI endpoint;

    private BerthProcess(Path home, Map<String, String> env, List<String> extraArgs) {
        this.home = home;
        this.env = env;
        this.extraArgs = extraArgs;
    }

    /** Starts berth on {@code home} with {@code env} added to the environment and {@code args} after the usual ones. */
    public static BerthProcess start(Path home, Map<String, String> env, String... args) throws Exception {
        BerthProcess berth = new BerthProcess(home, env, List.of(args));
        berth.launch();
        return berth;
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path home() {
        return home;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, no shutdown hooks: what a crash or {@code kill -9} does. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** A fresh process on the same home and port. */
    public void restart() throws Exception {
        if (process.isAlive()) kill9();
        launch();
    }

    public synchronized String output() {
        return String.join("\n", output);
    }

    private void launch() throws Exception {
        Files.createDirectories(home);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "berth.server.Main",
                "--home", home.toString(), "--port", endpoint == null ? "0" : Integer.toString(endpoint.getPort())));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        process = builder.start();
        BlockingQueue<String> endpoints = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(endpoints), "berth-output");
        reader.setDaemon(true);
        reader.start();
        String found = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (found == null && System.nanoTime() < deadline) {
            found = endpoints.poll(100, TimeUnit.MILLISECONDS);
            if (found == null && !process.isAlive()) {
                reader.join(2000);
                throw new IllegalStateException("berth exited with " + process.exitValue() + ":\n" + output());
            }
        }
        if (found == null) {
            process.destroyForcibly();
            throw new IllegalStateException("berth did not start within 60 s:\n" + output());
        }
        endpoint = URI.create(found);
    }

    private void pump(BlockingQueue<String> endpoints) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (this) {
                    output.add(line);
                }
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) endpoints.add(m.group(1));
            }
        } catch (IOException ignored) {
            // the process ended; its output so far is kept
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(Duration.ofSeconds(15).toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
