package berth.e2e.elb;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small HTTP servers on 127.0.0.1 ephemeral ports, the targets of load balancer tests. Each answers
 * {@code NAME METHOD URI} with 200, {@code /health} with its settable health status, and
 * {@code /slow} after its settable delay; it remembers the headers of the requests it served.
 */
final class HttpTargets implements AutoCloseable {

    static final class Target {
        final String name;
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(16);
        final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger served = new AtomicInteger();
        volatile int healthStatus = 200;
        volatile long slowMillis = 2000;

        private Target(String name) throws IOException {
            this.name = name;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    try (InputStream in = exchange.getRequestBody()) {
                        in.readAllBytes();
                    }
                    String path = exchange.getRequestURI().getPath();
                    if (path.equals("/health")) {
                        exchange.sendResponseHeaders(healthStatus, -1);
                        return;
                    }
                    requests.add(Map.copyOf(exchange.getRequestHeaders()));
                    served.incrementAndGet();
                    if (path.startsWith("/slow")) Thread.sleep(slowMillis);
                    byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** Stops answering: the port is closed, as when a task dies. */
        void kill() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private final List<Target> started = new ArrayList<>();

    Target start(String name) throws IOException {
        Target target = new Target(name);
        started.add(target);
        return target;
    }

    @Override
    public void close() {
        started.forEach(Target::kill);
    }
}
