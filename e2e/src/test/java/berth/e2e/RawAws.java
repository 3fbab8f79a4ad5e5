package berth.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Hand-built requests signed with the AWS SDK's own SigV4 signer, for the inputs no SDK client would
 * send: malformed bodies, unknown targets, wrong types.
 */
public final class RawAws {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), java.util.List.of("")).get(0);
        }
    }

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public RawAws(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Signs with {@code accessKey}/{@code secret} for {@code service} in {@code region}, then sends. */
    public Answer signed(String method, String path, Map<String, String> headers, byte[] body,
                  String service, String region, String accessKey, String secret) throws Exception {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(endpoint.resolve(path));
        headers.forEach(request::putHeader);
        SdkHttpFullRequest unsigned = request.build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(accessKey, secret))
                .request(unsigned)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) values.forEach(v -> out.header(name, v));
        });
        return send(out.build());
    }

    /**
     * Signs correctly, then changes what was signed: the body, a signed header, or the signature itself
     * (which of the three by {@code variant}).
     */
    public Answer signedThenTampered(String method, String path, Map<String, String> headers, byte[] body,
                              String service, String region, String accessKey, String secret, int variant) throws Exception {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(endpoint.resolve(path));
        headers.forEach(request::putHeader);
        SdkHttpFullRequest unsigned = request.build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(accessKey, secret))
                .request(unsigned)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        byte[] sentBody = variant % 3 == 0 ? (new String(body, java.nio.charset.StandardCharsets.UTF_8) + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8) : body;
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(sentBody));
        signed.request().forEachHeader((name, values) -> {
            if (RESTRICTED.contains(name.toLowerCase())) return;
            for (String v : values) {
                if (variant % 3 == 1 && name.equalsIgnoreCase("X-Amz-Target")) v = v + "X";
                if (variant % 3 == 2 && name.equalsIgnoreCase("Authorization")) {
                    char last = v.charAt(v.length() - 1);
                    v = v.substring(0, v.length() - 1) + (last == '0' ? '1' : '0');
                }
                out.header(name, v);
            }
        });
        return send(out.build());
    }

    /** Sends exactly these headers, unsigned or with whatever signature the caller wrote. */
    public Answer unsigned(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder out = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(out::header);
        return send(out.build());
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().map(),
                new String(response.body(), StandardCharsets.UTF_8));
    }

    public static Map<String, String> json11(String target) {
        return Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target);
    }

    public static Map<String, String> form() {
        return Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }
}
