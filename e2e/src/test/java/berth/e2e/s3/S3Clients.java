package berth.e2e.s3;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients for S3 tests: path-style S3 (the endpoint is an address), a presigner, SQS. */
final class S3Clients {
    private S3Clients() {}

    static StaticCredentialsProvider credentials(String key, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }

    static S3Client s3(URI endpoint) {
        return s3(endpoint, "test", "test");
    }

    static S3Client s3(URI endpoint, String key, String secret) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials(key, secret)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static S3Presigner presigner(URI endpoint) {
        return S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(credentials("test", "test")).build();
    }

    /**
     * A request addressed virtual-host style, {@code Host: bucket.localhost:port}, signed with SigV4
     * for that host and sent over a plain socket to the endpoint (no resolver knows the name);
     * returns the response's status line and body.
     */
    static String[] virtualHosted(URI endpoint, String method, String bucket, String path, byte[] body) throws Exception {
        String host = bucket + ".localhost:" + endpoint.getPort();
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + host + path)).putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsBasicCredentials.create("test", "test"))
                .request(unsigned).payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        signed.request().forEachHeader((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = response.substring(0, response.indexOf("\r\n"));
            int bodyStart = response.indexOf("\r\n\r\n") + 4;
            return new String[] {status, response.substring(bodyStart)};
        }
    }

    static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials("test", "test"))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
