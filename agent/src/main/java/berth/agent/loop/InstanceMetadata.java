package berth.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The EC2 instance metadata service (IMDSv2) of the instance an agent runs on, at an endpoint such as
 * {@code http://169.254.169.254} or the one berth gives the instances it launches: where an agent on
 * an EC2 instance reads its instance identity document, as ECS's agent does.
 */
final class InstanceMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    InstanceMetadata(URI endpoint) {
        String text = endpoint.toString();
        this.endpoint = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /**
     * The instance identity document, with {@code endpoint} set to where this host is reached (the
     * control plane's own field; the document's {@code privateIp} is the instance's address in its
     * subnet). Retried for a while: the service may not answer at the very start of the instance.
     */
    ObjectNode identityDocument(String hostAddress) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (true) {
            try {
                JsonNode document = JSON.readTree(get("/latest/dynamic/instance-identity/document"));
                if (!(document instanceof ObjectNode object) || !document.path("instanceId").isTextual()) {
                    throw new IOException("the instance identity document has no instanceId");
                }
                object.put("endpoint", hostAddress);
                return object;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the instance metadata service at " + endpoint
                            + " gave no identity document: " + e.getMessage(), e);
                }
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading instance metadata", e);
            }
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/latest/api/token"))
                .timeout(TIMEOUT).header("X-aws-ec2-metadata-token-ttl-seconds", "300")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IOException("PUT /latest/api/token answered " + token.statusCode());
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(TIMEOUT)
                .header("X-aws-ec2-metadata-token", token.body()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading instance metadata", e);
        }
    }
}
