package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliciesAndTokensTest {
    static final RepositoryPolicy.Principal OTHER = new RepositoryPolicy.Principal("111111111111", "arn:aws:iam::111111111111:user/ci");
    static final RepositoryPolicy.Principal THIRD = new RepositoryPolicy.Principal("222222222222", "arn:aws:iam::222222222222:root");

    @Test
    void repositoryPoliciesAllowNamedPrincipalsAndDenyWins() {
        RepositoryPolicy policy = RepositoryPolicy.parse(("{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Principal':{'AWS':['111111111111']},'Action':['ecr:BatchGetImage','ecr:Get*']},"
                + "{'Effect':'Deny','Principal':{'AWS':'arn:aws:iam::111111111111:user/ci'},'Action':'ecr:GetDownloadUrlForLayer'}]}")
                .replace('\'', '"'));
        assertThat(policy.allows(OTHER, "ecr:BatchGetImage")).isTrue();
        assertThat(policy.allows(OTHER, "ecr:GetDownloadUrlForLayer")).isFalse();
        assertThat(policy.allows(OTHER, "ecr:PutImage")).isFalse();
        assertThat(policy.allows(THIRD, "ecr:BatchGetImage")).isFalse();
        assertThatThrownBy(() -> RepositoryPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\","
                + "\"Condition\":{}}]}")).isInstanceOf(InvalidPolicy.class);
        assertThatThrownBy(() -> RepositoryPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]}"))
                .isInstanceOf(InvalidPolicy.class);
    }

    @Test
    void signedStatementsVerifyOnlyUnalteredAndUnexpired() {
        SignedStatement signer = new SignedStatement(new byte[32]);
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        String token = signer.sign("login", List.of("000000000000", "us-east-1"), now.plus(Duration.ofHours(12)));
        assertThat(signer.verify(token, "login", now)).hasValueSatisfying(s ->
                assertThat(s.fields()).containsExactly("000000000000", "us-east-1"));
        assertThat(signer.verify(token, "download", now)).isEmpty();
        assertThat(signer.verify(token, "login", now.plus(Duration.ofHours(12)))).isEmpty();
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("login|111111111111|us-east-1|" + now.plus(Duration.ofHours(12)).getEpochSecond()).getBytes())
                + token.substring(token.indexOf('.'));
        assertThat(signer.verify(forged, "login", now)).isEmpty();
        assertThat(new SignedStatement(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).verify(token, "login", now)).isEmpty();
        assertThat(signer.verify("garbage", "login", now)).isEmpty();
        assertThat(signer.verify("a.b.c", "login", now)).isEmpty();
    }
}
