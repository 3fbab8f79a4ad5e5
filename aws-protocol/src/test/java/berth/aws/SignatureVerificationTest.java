package berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.sts.model.StsException;

/** SigV4 as the SDK signs it, and every way a signature is refused, in each protocol's error shape. */
class SignatureVerificationTest {
    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static WireFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new WireFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void wrongSecretIsRejectedInEachProtocolsTerms() {
        assertRejected(() -> fixture.ecs(TestCredentials.WRONG_SECRET).listClusters(), EcsException.class, 400,
                "InvalidSignatureException", MISMATCH);
        assertRejected(() -> fixture.sts(TestCredentials.WRONG_SECRET).getCallerIdentity(), StsException.class, 403,
                "SignatureDoesNotMatch", MISMATCH);
        assertRejected(() -> fixture.scheduler(TestCredentials.WRONG_SECRET).listSchedules(r -> { }),
                SchedulerException.class, 403, "InvalidSignatureException", MISMATCH);
    }

    @Test
    void unknownAccessKeyIsAnInvalidSecurityToken() {
        String message = "The security token included in the request is invalid.";
        assertRejected(() -> fixture.ecs(TestCredentials.UNKNOWN_KEY).listClusters(), EcsException.class, 400,
                "UnrecognizedClientException", message);
        assertRejected(() -> fixture.sts(TestCredentials.UNKNOWN_KEY).getCallerIdentity(), StsException.class, 403,
                "InvalidClientTokenId", message);
        assertRejected(() -> fixture.appRunner(TestCredentials.UNKNOWN_KEY).listConnections(r -> { }),
                software.amazon.awssdk.services.apprunner.model.AppRunnerException.class, 400,
                "UnrecognizedClientException", message);
    }

    @Test
    void signaturesMoreThanFifteenMinutesOldOrAheadAreRefused() {
        try (WireFixture ahead = new WireFixture(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)));
             WireFixture behind = new WireFixture(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)))) {
            String expired = "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)";
            assertThatThrownBy(() -> ahead.ecs(TestCredentials.LONG_TERM).listClusters())
                    .isInstanceOfSatisfying(EcsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage()).matches(expired);
                    });
            assertThatThrownBy(() -> ahead.sts(TestCredentials.LONG_TERM).getCallerIdentity())
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.awsErrorDetails().errorMessage()).matches(expired);
                    });
            assertThatThrownBy(() -> behind.ecs(TestCredentials.LONG_TERM).listClusters())
                    .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("Signature not yet current: ").endsWith(" + 15 min.)"));
        }
    }

    @Test
    void sessionTokensMustBeTheOnesIssuedWithTheKey() {
        assertThat(fixture.sts(TestCredentials.TEMPORARY).getCallerIdentity().arn())
                .isEqualTo(TestCredentials.ROLE_SESSION.arn());
        assertThat(fixture.ecs(TestCredentials.TEMPORARY).listClusters().sdkHttpResponse().isSuccessful()).isTrue();

        AwsSessionCredentials wrongToken = AwsSessionCredentials.create(TestCredentials.TEMPORARY.accessKeyId(),
                TestCredentials.TEMPORARY.secretAccessKey(), "session-token-forged");
        AwsBasicCredentials noToken = AwsBasicCredentials.create(TestCredentials.TEMPORARY.accessKeyId(),
                TestCredentials.TEMPORARY.secretAccessKey());
        AwsSessionCredentials tokenOnLongTermKey = AwsSessionCredentials.create(TestCredentials.LONG_TERM.accessKeyId(),
                TestCredentials.LONG_TERM.secretAccessKey(), "session-token-1");
        for (var credentials : new software.amazon.awssdk.auth.credentials.AwsCredentials[] {wrongToken, noToken, tokenOnLongTermKey}) {
            assertRejected(() -> fixture.sts(credentials).getCallerIdentity(), StsException.class, 403,
                    "InvalidClientTokenId", "The security token included in the request is invalid.");
            assertRejected(() -> fixture.ecs(credentials).listClusters(), EcsException.class, 400,
                    "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
    }

    @Test
    void expiredTemporaryCredentialsAreExpiredTokens() {
        String message = "The security token included in the request is expired";
        assertRejected(() -> fixture.sts(TestCredentials.EXPIRED).getCallerIdentity(), StsException.class, 403,
                "ExpiredToken", message);
        assertRejected(() -> fixture.ecs(TestCredentials.EXPIRED).listClusters(), EcsException.class, 400,
                "ExpiredTokenException", message);
    }

    @Test
    void presignedUrlsAreVerifiedIncludingTheirExpiry() {
        URI uri = fixture.endpoint().resolve("/?Action=GetCallerIdentity&Version=2011-06-15");
        SdkHttpRequest presigned = RawRequests.presigned(RawRequests.request("GET", uri, Map.of(), ""), "sts",
                TestCredentials.LONG_TERM, Duration.ofMinutes(5), Clock.systemUTC());
        assertThat(presigned.getUri().getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");

        HttpResponse<String> accepted = RawRequests.send(presigned, "");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("<Arn>" + TestCredentials.ROOT.arn() + "</Arn>");

        SdkHttpRequest withToken = RawRequests.presigned(RawRequests.request("GET", uri, Map.of(), ""), "sts",
                TestCredentials.TEMPORARY, Duration.ofMinutes(5), Clock.systemUTC());
        assertThat(withToken.getUri().getRawQuery()).contains("X-Amz-Security-Token=");
        assertThat(RawRequests.send(withToken, "").body()).contains(TestCredentials.ROLE_SESSION.arn());

        URI tampered = URI.create(presigned.getUri().toString().replace("Version=2011-06-15", "Version=2011-06-16"));
        HttpResponse<String> tamperedResponse = RawRequests.send(presigned.toBuilder().uri(tampered).build(), "");
        assertThat(tamperedResponse.statusCode()).isEqualTo(403);
        assertThat(tamperedResponse.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        SdkHttpRequest stale = RawRequests.presigned(RawRequests.request("GET", uri, Map.of(), ""), "sts",
                TestCredentials.LONG_TERM, Duration.ofMinutes(1), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        HttpResponse<String> expired = RawRequests.send(stale, "");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("<Code>SignatureDoesNotMatch</Code><Message>Request has expired</Message>");
    }

    @Test
    void unsignedRequestsAreMissingAnAuthenticationToken() {
        HttpResponse<String> json = RawRequests.unsignedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters",
                        "Content-Type", "application/x-amz-json-1.1"), "{}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).isEqualTo("{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing"
                + " Authentication Token\"}");

        HttpResponse<String> query = RawRequests.unsignedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(query.statusCode()).isEqualTo(403);
        assertThat(query.body()).startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Code>MissingAuthenticationToken</Code>");

        HttpResponse<String> rest = RawRequests.unsignedSend("GET", fixture.endpoint().resolve("/schedules"), Map.of(), "");
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(RawRequests.header(rest, "x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    }

    @Test
    void malformedAuthorizationHeadersAreIncompleteSignatures() {
        HttpResponse<String> response = RawRequests.unsignedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters",
                        "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBERTHTEST/20240101/us-east-1/ecs/aws4_request",
                        "X-Amz-Date", "20240101T000000Z"), "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawRequests.header(response, "x-amzn-ErrorType")).isEqualTo("IncompleteSignatureException");
        assertThat(response.body()).contains("Authorization header requires 'Signature' parameter.")
                .contains("Authorization header requires 'SignedHeaders' parameter.");
    }

    @Test
    void credentialScopeMustNameTheServiceAddressed() {
        HttpResponse<String> response = RawRequests.signedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters",
                        "Content-Type", "application/x-amz-json-1.1"), "{}", "sts", TestCredentials.LONG_TERM);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawRequests.header(response, "x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(response.body()).contains("Credential should be scoped to correct service: 'ecs'.");
    }

    @Test
    void requestsForServicesBerthDoesNotServeAreClearlyRefused() {
        HttpResponse<String> bySigningName = RawRequests.signedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("Content-Type", "application/x-amz-json-1.1"), "{}", "kinesis", TestCredentials.LONG_TERM);
        assertThat(bySigningName.statusCode()).isEqualTo(400);
        assertThat(bySigningName.body()).contains("berth serves no service with signing name 'kinesis'");
        assertThat(fixture.server.lastDispatched().service()).isEqualTo("unknown");

        HttpResponse<String> byTarget = RawRequests.signedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("X-Amz-Target", "Kinesis_20131202.ListStreams", "Content-Type", "application/x-amz-json-1.1"), "{}",
                "kinesis", TestCredentials.LONG_TERM);
        assertThat(byTarget.statusCode()).isEqualTo(400);
        assertThat(byTarget.body()).contains("berth serves no service with X-Amz-Target prefix 'Kinesis_20131202'");
    }

    private static void assertRejected(Runnable call, Class<? extends AwsServiceException> type, int status, String code,
                                       String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
