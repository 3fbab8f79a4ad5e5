package berth.agent.endpoints;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The other processes of this host that run agents (several berth processes, or {@code berth agent}s,
 * on one Docker engine): only one can hold {@code 169.254.170.2:80}, so each serves its task endpoints
 * on a loopback port too and announces it in {@value #DIRECTORY} (one file per endpoints of a
 * process, named {@code PID-N}, holding the port; a process may hold several, one per berth it runs). The holder asks the others for a credentials id or metadata token it does not know, passing
 * the caller's address in {@value #CALLER}; the loopback port is not reachable from containers, so only
 * host processes can set that header.
 */
final class TaskEndpointPeers {
    static final String DIRECTORY = "/tmp/berth-task-endpoints";
    static final String CALLER = "X-Berth-Task-Caller";

    /** A peer's answer. */
    record Answer(int status, byte[] body) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();
    private final String self = ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();

    /** Announces this process's loopback port. */
    void announce(int port) throws IOException {
        Path directory = Path.of(DIRECTORY);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(self), Integer.toString(port), StandardCharsets.UTF_8);
    }

    /** Withdraws the announcement (the process stops serving). */
    void withdraw() {
        try {
            Files.deleteIfExists(Path.of(DIRECTORY, self));
        } catch (IOException e) {
            // a stale announcement is skipped by askers (its port refuses connections)
        }
    }

    /** The first peer's successful answer to {@code path} for {@code caller}, if any peer has one. */
    Optional<Answer> ask(String path, String caller, String authorization) {
        for (int port : ports()) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).header(CALLER, caller);
                if (!authorization.isEmpty()) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return Optional.of(new Answer(200, response.body()));
                }
            } catch (IOException e) {
                // a peer that stopped without withdrawing: skipped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether the process of announcement {@code name} ({@code PID-N}, or a bare pid) still runs. */
    private static boolean alive(String name) {
        int dash = name.indexOf('-');
        String pid = dash < 0 ? name : name.substring(0, dash);
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private List<Integer> ports() {
        try (Stream<Path> files = Files.list(Path.of(DIRECTORY))) {
            return files.filter(f -> !f.getFileName().toString().equals(self) && alive(f.getFileName().toString()))
                    .flatMap(f -> {
                        try {
                            return Stream.of(Integer.parseInt(Files.readString(f).strip()));
                        } catch (IOException | NumberFormatException e) {
                            return Stream.empty();
                        }
                    }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
