package berth.e2e.ecs.agent;

import berth.e2e.AgentJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code berth agent} as its own JVM from the agent's jar ({@link AgentJar}), as {@code ./berth agent}
 * runs it, so a test can start several on one Docker engine and kill one with SIGKILL.
 */
final class AgentProcess implements AutoCloseable {

    private static final Pattern REGISTERED = Pattern.compile("registered as (\\S+)");

    private final List<String> args;
    private final List<String> output = new ArrayList<>();
    private Process process;
    private volatile String containerInstanceArn;

    private AgentProcess(List<String> args) {
        this.args = args;
    }

    /** Starts an agent with {@code args} for {@code endpoint} and data directory {@code dataDir}; waits until it registered. */
    static AgentProcess start(URI endpoint, Path dataDir, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--endpoint", endpoint.toString(), "--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        AgentProcess agent = new AgentProcess(all);
        agent.launch();
        return agent;
    }

    String containerInstanceArn() {
        return containerInstanceArn;
    }

    synchronized String output() {
        return String.join("\n", output);
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** A new agent process with the same arguments (and so the same data directory). */
    void restart() throws Exception {
        if (process.isAlive()) {
            kill9();
        }
        launch();
    }

    private void launch() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(AgentJar.command(args)).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_REGION", "us-east-1");
        process = builder.start();
        CountDownLatch registered = new CountDownLatch(1);
        Thread reader = new Thread(() -> pump(registered), "agent-output");
        reader.setDaemon(true);
        reader.start();
        if (!registered.await(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("agent did not register within 60 s:\n" + output());
        }
    }

    private void pump(CountDownLatch registered) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (this) {
                    output.add(line);
                }
                Matcher m = REGISTERED.matcher(line);
                if (line.startsWith("berth agent ") && m.find()) {
                    containerInstanceArn = m.group(1);
                    registered.countDown();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
