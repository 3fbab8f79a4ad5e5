package berth.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ready hooks: executable files in {@code $BERTH_HOME/init/ready.d/} and in any {@code --init-dir},
 * run once berth is ready, in name order, one at a time, with the endpoint, region and credentials
 * in their environment. Their output goes to berth's log; a failing hook is reported and the next
 * one still runs.
 */
final class InitHooks {
    private static final Logger LOG = LoggerFactory.getLogger(InitHooks.class);
    private static final long HOOK_TIMEOUT_MINUTES = 10;

    /** What one hook did. */
    record Outcome(Path hook, int exitCode) {}

    private InitHooks() {}

    static List<Path> find(List<Path> directories) {
        List<Path> hooks = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).filter(Files::isExecutable)
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .forEach(hooks::add);
            } catch (IOException e) {
                LOG.warn("cannot list init hooks in {}: {}", dir, e.toString());
            }
        }
        return hooks;
    }

    static List<Outcome> run(List<Path> hooks, Map<String, String> environment) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path hook : hooks) {
            outcomes.add(runOne(hook, environment));
        }
        return outcomes;
    }

    private static Outcome runOne(Path hook, Map<String, String> environment) {
        String name = hook.getFileName().toString();
        LOG.info("init hook {} starting", name);
        try {
            ProcessBuilder builder = new ProcessBuilder(hook.toString()).redirectErrorStream(true)
                    .directory(hook.getParent().toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    LOG.info("init hook {}: {}", name, line);
                }
            }
            if (!process.waitFor(HOOK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                LOG.error("init hook {} failed: still running after {} minutes, killed", name, HOOK_TIMEOUT_MINUTES);
                return new Outcome(hook, -1);
            }
            int code = process.exitValue();
            if (code == 0) {
                LOG.info("init hook {} finished", name);
            } else {
                LOG.error("init hook {} failed with exit code {}", name, code);
            }
            return new Outcome(hook, code);
        } catch (IOException e) {
            LOG.error("init hook {} failed to start: {}", name, e.toString());
            return new Outcome(hook, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(hook, -1);
        }
    }
}
