package berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One contract run's resources on a runtime: everything it creates carries a label unique to the
 * run, and {@link #cleanUp()} removes all of it.
 */
final class TestRun {

    static final String RUN_LABEL = "berth.test-run";
    private static final Duration POLL = Duration.ofMillis(100);

    private final Runtime runtime;
    private final ImageRef image;
    private final String id = "bt" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> networks = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TestRun(Runtime runtime, ImageRef image) {
        this.runtime = runtime;
        this.image = image;
    }

    String id() {
        return id;
    }

    ImageRef image() {
        return image;
    }

    Map<String, String> labels() {
        return Map.of(RUN_LABEL, id, BerthLabels.MANAGED, "true");
    }

    /** A spec named uniquely for this run, labelled with it. */
    ContainerSpec.Builder spec(String name) {
        return ContainerSpec.builder(id + "-" + name, image).labels(labels());
    }

    /** A spec running {@code script} with {@code sh -c}. */
    ContainerSpec.Builder shell(String name, String script) {
        return spec(name).entryPoint("sh", "-c").command(script);
    }

    /** A spec serving {@code body} at {@code /} over HTTP on port 8080. */
    ContainerSpec.Builder httpServer(String name, String body) {
        return shell(name, "echo '" + body + "' > /www/index.html && exec httpd -f -p 8080 -h /www");
    }

    String createAndStart(ContainerSpec spec) {
        String containerId = runtime.create(spec);
        runtime.start(containerId);
        return containerId;
    }

    ContainerObservation awaitStopped(String containerId) {
        return await(containerId, o -> o.state().stopped(), Duration.ofSeconds(15), "to stop");
    }

    ContainerObservation await(String containerId, Predicate<ContainerObservation> condition, Duration timeout,
                               String what) {
        Instant deadline = Instant.now().plus(timeout);
        ContainerObservation last = runtime.inspect(containerId);
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("container " + containerId + " did not come " + what + " within " + timeout
                        + "; last seen " + last);
            }
            sleep(POLL);
            last = runtime.inspect(containerId);
        }
        return last;
    }

    String awaitLog(String containerId, String text) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String out = runtime.logs(containerId).stdout();
        while (!out.contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("container " + containerId + " did not log '" + text + "'; logged: " + out);
            }
            sleep(POLL);
            out = runtime.logs(containerId).stdout();
        }
        return out;
    }

    /** The body of a 200 response from {@code url}, retrying while the server starts. */
    String httpGet(String url) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        Exception lastFailure = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                lastFailure = new IOException("HTTP " + response.statusCode());
            } catch (IOException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(POLL);
        }
        throw new AssertionError("GET " + url + " did not answer 200 within 10s", lastFailure);
    }

    String network(String name, Optional<String> subnet) {
        String full = id + "-" + name;
        networks.add(full);
        runtime.ensureNetwork(full, subnet, labels());
        return full;
    }

    String volume(String name) {
        String full = id + "-" + name;
        volumes.add(full);
        runtime.ensureVolume(full, "local", Map.of(), labels());
        return full;
    }

    Path hostDirectory() throws IOException {
        Path dir = Files.createTempDirectory("berth-bind");
        directories.add(dir);
        return dir;
    }

    /** The network interfaces of the host this test runs on. */
    static Set<String> hostInterfaces() throws IOException {
        return interfaces(Files.readString(Path.of("/proc/net/dev")));
    }

    /** Interface names in the text of a {@code /proc/net/dev}. */
    static Set<String> interfaces(String procNetDev) {
        return Arrays.stream(procNetDev.split("\n"))
                .filter(line -> line.contains(":"))
                .map(line -> line.substring(0, line.indexOf(':')).strip())
                .collect(Collectors.toCollection(HashSet::new));
    }

    void removeContainers() {
        for (ContainerObservation c : runtime.list(Map.of(RUN_LABEL, id))) {
            runtime.remove(c.id());
        }
    }

    void cleanUp() throws IOException {
        removeContainers();
        for (String n : networks) {
            runtime.removeNetwork(n);
        }
        for (String v : volumes) {
            runtime.removeVolume(v);
        }
        networks.clear();
        volumes.clear();
        for (Path dir : directories) {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        directories.clear();
        assertThat(runtime.list(Map.of(RUN_LABEL, id))).as("containers left behind").isEmpty();
    }

    /** The first event of {@code type} for {@code containerId} among {@code events}, waiting up to 15 s. */
    static <E extends ContainerEvent> E awaitEvent(List<ContainerEvent> events, Class<E> type, String containerId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Optional<E> match = events.stream().filter(type::isInstance).map(type::cast)
                    .filter(e -> e.containerId().equals(containerId)).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            sleep(POLL);
        }
        throw new AssertionError("no " + type.getSimpleName() + " event for " + containerId + " within 15s; got "
                + events);
    }

    static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new HashMap<>(labels);
        out.put(key, value);
        return out;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
