package berth.aws.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.HttpRequestData;
import berth.aws.Identity;
import berth.aws.SigningKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verifier against vectors of the AWS Signature Version 4 test suite, independent of any SDK. */
class SigV4VerifierTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Identity IDENTITY = new Identity("111122223333", "arn:aws:iam::111122223333:root", "111122223333", true);
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            id -> id.equals("AKIDEXAMPLE") ? Optional.of(new SigningKey(id, SECRET, "", Long.MAX_VALUE, IDENTITY)) : Optional.empty(),
            Clock.fixed(Instant.parse("2015-08-30T12:40:00Z"), ZoneOffset.UTC));

    private static HttpRequestData get(String rawQuery, String signature) {
        return new HttpRequestData("GET", "/", rawQuery, Map.of(
                "host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=" + signature)), new byte[0]);
    }

    @Test
    void getVanilla() {
        SigV4Verifier.Verification result = VERIFIER.verify(get("", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));

        assertThat(result).isInstanceOfSatisfying(SigV4Verifier.Verified.class, verified -> {
            assertThat(verified.caller().region()).isEqualTo("us-east-1");
            assertThat(verified.caller().service()).isEqualTo("service");
            assertThat(verified.caller().accountId()).isEqualTo("111122223333");
        });
    }

    @Test
    void getVanillaQueryOrderKeyCase() {
        assertThat(VERIFIER.verify(get("Param2=value2&Param1=value1",
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"))).isInstanceOf(SigV4Verifier.Verified.class);
    }

    @Test
    void anyAlteredByteIsAMismatch() {
        assertThat(VERIFIER.verify(get("Param2=value2&Param1=value0",
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")))
                .isEqualTo(new SigV4Verifier.Rejected(SignatureFailure.SIGNATURE_MISMATCH, SigV4Verifier.MISMATCH_MESSAGE));
    }

    @Test
    void credentialScopeDateMustMatchTheRequestDate() {
        HttpRequestData request = new HttpRequestData("GET", "/", "", Map.of(
                "host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150829/us-east-1/service/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=00")), new byte[0]);

        assertThat(VERIFIER.verify(request)).isInstanceOfSatisfying(SigV4Verifier.Rejected.class, rejected -> {
            assertThat(rejected.failure()).isEqualTo(SignatureFailure.SIGNATURE_MISMATCH);
            assertThat(rejected.message()).startsWith("Date in Credential scope does not match YYYYMMDD");
        });
    }

    @Test
    void hostMustBeSigned() {
        HttpRequestData request = new HttpRequestData("GET", "/", "", Map.of(
                "host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                        + " SignedHeaders=x-amz-date, Signature=00")), new byte[0]);

        assertThat(VERIFIER.verify(request)).isInstanceOfSatisfying(SigV4Verifier.Rejected.class,
                rejected -> assertThat(rejected.failure()).isEqualTo(SignatureFailure.INCOMPLETE_SIGNATURE));
    }

    @Test
    void canonicalFormsFollowTheSpecification() {
        assertThat(CanonicalRequest.canonicalUris("/a/./b/../c%20d/")).first().isEqualTo("/a/c%2520d/");
        assertThat(CanonicalRequest.canonicalQuery(List.of(Map.entry("b", "2 3"), Map.entry("a", "~x*"),
                Map.entry("a", "1")), false)).isEqualTo("a=1&a=~x%2A&b=2%203");
        assertThat(CanonicalRequest.canonicalHeaders(Map.of("my-header", List.of("  a   b  c ", "d")), List.of("my-header")))
                .isEqualTo("my-header:a b c,d\n");
    }
}
