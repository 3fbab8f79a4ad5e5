package berth.elb.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/** Small HTTP servers on 127.0.0.1 that answer with their name and remember the headers they saw. */
final class Targets implements AutoCloseable {
    /** One target server. */
    static final class Target {
        final String name;
        final HttpServer server;
        final List<Map<String, List<String>>> seenHeaders = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int healthStatus = 200;
        volatile long delayMillis;

        Target(String name) throws IOException {
            this.name = name;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().getPath();
                    try (InputStream in = exchange.getRequestBody()) {
                        in.readAllBytes();
                    }
                    if (path.equals("/health")) {
                        exchange.sendResponseHeaders(healthStatus, -1);
                        return;
                    }
                    seenHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
                    if (delayMillis > 0) Thread.sleep(delayMillis);
                    byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
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

        void stop() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    final List<Target> all = new ArrayList<>();
    final Map<Integer, Target> byPort = new ConcurrentHashMap<>();

    Target start(String name) throws IOException {
        Target t = new Target(name);
        all.add(t);
        byPort.put(t.port(), t);
        return t;
    }

    @Override
    public void close() {
        all.forEach(Target::stop);
    }
}
