package berth.aws.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.HttpRequestData;
import berth.aws.Identity;
import berth.aws.SigningKey;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the SDK's own signer, verified without any HTTP in between. */
class SdkSignedRequestsTest {
    private static final Identity IDENTITY = new Identity("1", "arn:aws:iam::1:root", "1", true);
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            id -> Optional.of(new SigningKey(id, "secret", "", Long.MAX_VALUE, IDENTITY)), Clock.systemUTC());

    private static HttpRequestData signed(String uri, String body,
                                          Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(uri))
                .putHeader("Content-Type", "application/json").contentStreamProvider(() -> new ByteArrayInputStream(bytes))
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("AKID", "secret")).request(request)
                    .payload(() -> new ByteArrayInputStream(bytes))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "scheduler")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-central-1");
            options.accept(r);
        }).request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        headers.put("host", List.of(signed.host() + (signed.port() == 443 || signed.port() == 80 ? "" : ":" + signed.port())));
        URI signedUri = signed.getUri();
        return new HttpRequestData("POST", signedUri.getRawPath(), signedUri.getRawQuery() == null ? "" : signedUri.getRawQuery(),
                headers, bytes);
    }

    @Test
    void encodedPathsAndQueriesVerifyAsTheSdkSignsThem() {
        HttpRequestData request = signed("https://api.example.com/schedules/a%20b%2Fc?Name=x%20y&Other=%E2%9C%93&Empty=",
                "{\"a\":1}", r -> { });

        assertThat(VERIFIER.verify(request)).isInstanceOfSatisfying(SigV4Verifier.Verified.class,
                verified -> assertThat(verified.caller().region()).isEqualTo("eu-central-1"));
    }

    @Test
    void unsignedPayloadsVerifyWithTheirDeclaredHash() {
        HttpRequestData request = signed("https://api.example.com/", "{\"a\":1}",
                r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        assertThat(request.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(VERIFIER.verify(request)).isInstanceOf(SigV4Verifier.Verified.class);
    }

    @Test
    void aChangedBodyNoLongerVerifies() {
        HttpRequestData request = signed("https://api.example.com/", "{\"a\":1}", r -> { });
        HttpRequestData altered = new HttpRequestData(request.method(), request.path(), request.rawQuery(), request.headers(),
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(VERIFIER.verify(altered)).isInstanceOfSatisfying(SigV4Verifier.Rejected.class,
                rejected -> assertThat(rejected.failure()).isEqualTo(SignatureFailure.SIGNATURE_MISMATCH));
    }
}
