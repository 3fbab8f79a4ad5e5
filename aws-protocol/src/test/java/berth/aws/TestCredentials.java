package berth.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The keys the wire tests sign with, and the credential source that knows them. */
final class TestCredentials {
    static final String ACCOUNT = "123456789012";
    static final Identity ROOT = new Identity(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root", ACCOUNT, true);
    static final Identity ROLE_SESSION = new Identity(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/ci",
            "AROAEXAMPLE:ci", false);

    static final AwsBasicCredentials LONG_TERM = AwsBasicCredentials.create("AKIDBERTHTEST", "berth-test-secret");
    static final AwsSessionCredentials TEMPORARY =
            AwsSessionCredentials.create("ASIABERTHTEMP", "berth-temp-secret", "session-token-1");
    static final AwsSessionCredentials EXPIRED =
            AwsSessionCredentials.create("ASIABERTHOLD", "berth-old-secret", "session-token-0");
    static final AwsBasicCredentials WRONG_SECRET = AwsBasicCredentials.create("AKIDBERTHTEST", "not-the-secret");
    static final AwsBasicCredentials UNKNOWN_KEY = AwsBasicCredentials.create("AKIDNOBODY", "whatever");

    private TestCredentials() {}

    static CredentialSource source() {
        Instant now = Clock.systemUTC().instant();
        Map<String, SigningKey> keys = Map.of(
                LONG_TERM.accessKeyId(), new SigningKey(LONG_TERM.accessKeyId(), LONG_TERM.secretAccessKey(), "",
                        Long.MAX_VALUE, ROOT),
                TEMPORARY.accessKeyId(), new SigningKey(TEMPORARY.accessKeyId(), TEMPORARY.secretAccessKey(),
                        TEMPORARY.sessionToken(), now.plusSeconds(3600).toEpochMilli(), ROLE_SESSION),
                EXPIRED.accessKeyId(), new SigningKey(EXPIRED.accessKeyId(), EXPIRED.secretAccessKey(),
                        EXPIRED.sessionToken(), now.minusSeconds(60).toEpochMilli(), ROLE_SESSION));
        return accessKeyId -> Optional.ofNullable(keys.get(accessKeyId));
    }

    static AwsCredentials longTerm() {
        return LONG_TERM;
    }
}
