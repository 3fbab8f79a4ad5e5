package berth.e2e.apprunner;

import berth.e2e.AwsCli;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The web app the App Runner tests run, built offline on the test busybox and pushed to berth's
 * registry with the docker CLI (its own config directory), and requests to a service's URL: by the
 * host name App Runner gave it, sent to the load balancer's port on this host.
 */
final class AppImages {
    private final URI endpoint;
    private final Path dockerConfig;

    AppImages(URI endpoint) throws IOException {
        this.endpoint = endpoint;
        this.dockerConfig = Files.createTempDirectory("berth-apprunner-docker");
    }

    String registryHost() {
        return endpoint.getAuthority();
    }

    void login() throws Exception {
        AwsCli.Result password = AwsCli.installed().get(0).run(endpoint, "test", "test", "ecr", "get-login-password");
        if (password.exitCode() != 0) throw new AssertionError(password.stderr());
        run(password.stdout().trim(), "docker", "--config", dockerConfig.toString(), "login", "--username", "AWS",
                "--password-stdin", registryHost());
    }

    /**
     * Builds and pushes {@code tag}: busybox httpd on port 8080 answering {@code version} at {@code /},
     * and at {@code /cgi-bin/slow} after a second (so requests stay in flight).
     */
    void push(String tag, String version) throws Exception {
        ensureBusybox();
        Path dir = Files.createTempDirectory("berth-apprunner-app");
        // CRLF line ends: busybox httpd passes a CGI script's header lines on as they are
        Files.writeString(dir.resolve("slow"), "#!/bin/sh\nsleep 1\nprintf 'Content-Type: text/plain\\r\\n\\r\\nslow\\n'\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM berth-test/busybox:latest\n"
                + "COPY slow /www/cgi-bin/slow\n"
                + "RUN chmod 755 /www/cgi-bin/slow && echo " + version + " > /www/index.html\n"
                + "CMD [\"httpd\", \"-f\", \"-v\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
        run("", "docker", "build", "-q", "-t", tag, dir.toString());
        run("", "docker", "--config", dockerConfig.toString(), "push", tag);
    }

    static void ensureBusybox() throws Exception {
        Path script = Path.of("..", "agent", "src", "test", "resources", "build-busybox-image.sh").toAbsolutePath().normalize();
        run("", "bash", script.toString());
    }

    static String run(String stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {}

    /** GET {@code path} of the service at {@code serviceUrl} ({@code HOST:PORT}), through 127.0.0.1:PORT. */
    static Answer get(String serviceUrl, String path) throws IOException {
        int colon = serviceUrl.lastIndexOf(':');
        String host = serviceUrl.substring(0, colon);
        int port = Integer.parseInt(serviceUrl.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int space = response.indexOf(' ');
            if (space < 0) return new Answer(0, response);
            int status = Integer.parseInt(response.substring(space + 1, space + 4));
            int bodyAt = response.indexOf("\r\n\r\n");
            String body = bodyAt < 0 ? "" : response.substring(bodyAt + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) body = unchunk(body);
            return new Answer(status, body.trim());
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int line = body.indexOf("\r\n", at);
            if (line < 0) break;
            int size = Integer.parseInt(body.substring(at, line).trim(), 16);
            if (size == 0) break;
            out.append(body, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
        return out.toString();
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        text.lines().filter(l -> !l.isBlank()).forEach(out::add);
        return out;
    }
}
