package berth.e2e.elb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** An HTTP/1.1 client of load balancer listeners on 127.0.0.1 that follows no redirects. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    /**
     * Whether a new connection to {@code port} is refused within {@code timeout}: a closed listener
     * refuses new connections at once, while pooled ones may drain a moment longer.
     */
    static boolean closesWithin(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException refused) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return get(port, path, Map.of());
    }

    static HttpResponse<String> get(int port, String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The target name a test target put first in its answer. */
    static String servedBy(HttpResponse<String> response) {
        return response.body().split(" ")[0];
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** An answer read off a raw socket. */
    record Raw(int status, Map<String, String> headers, String body) {}

    /** GET over a raw socket, for headers the JDK client will not send (Host); the connection closes after. */
    static Raw raw(int port, String path, String host, Map<String, String> headers) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            String[] lines = all.substring(0, end).split("\r\n");
            Map<String, String> parsed = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                parsed.merge(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip(), (a, b) -> a + "\n" + b);
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), parsed, all.substring(end + 4));
        }
    }
}
