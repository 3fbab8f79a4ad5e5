package berth.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Hand-made requests, signed with the SDK's own SigV4 signer or not signed at all, for wire details clients hide. */
final class RawRequests {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

    private RawRequests() {}

    /** A request to sign: method, URI (with raw query), headers and body. */
    static SdkHttpFullRequest request(String method, URI uri, Map<String, String> headers, String body) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(builder::putHeader);
        if (!body.isEmpty()) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            builder.contentStreamProvider(() -> new ByteArrayInputStream(bytes));
        }
        return builder.build();
    }

    static SdkHttpRequest signed(SdkHttpFullRequest request, String service, AwsCredentials credentials) {
        return sign(request, service, credentials, false, Duration.ZERO, Clock.systemUTC());
    }

    static SdkHttpRequest presigned(SdkHttpFullRequest request, String service, AwsCredentials credentials,
                                    Duration expiry, Clock signingClock) {
        return sign(request, service, credentials, true, expiry, signingClock);
    }

    private static SdkHttpRequest sign(SdkHttpFullRequest request, String service, AwsCredentials credentials,
                                       boolean presign, Duration expiry, Clock signingClock) {
        AwsCredentialsIdentity identity = credentials instanceof AwsSessionCredentials session
                ? AwsSessionCredentialsIdentity.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())
                : AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(request).payload(request.contentStreamProvider().orElse(null))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, signingClock);
            if (presign) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry);
            }
        });
        return signed.request();
    }

    /** Sends a request as-is; the body is the full request's content. */
    static HttpResponse<String> send(SdkHttpRequest request, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).timeout(Duration.ofSeconds(10))
                .method(request.method().name(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs and sends in one step. */
    static HttpResponse<String> signedSend(String method, URI uri, Map<String, String> headers, String body, String service,
                                           AwsCredentials credentials) {
        return send(signed(request(method, uri, headers, body), service, credentials), body);
    }

    /** Sends without any signature. */
    static HttpResponse<String> unsignedSend(String method, URI uri, Map<String, String> headers, String body) {
        return send(request(method, uri, headers, body), body);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    static List<String> headerNames(HttpResponse<?> response) {
        return List.copyOf(response.headers().map().keySet());
    }
}
