package berth.secrets.manager.core;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretNamesTest {
    static final Scope R = new Scope("1", "r");


    @Test
    void arnsEndWithADashAndSixCharacters() {
        String arn = SecretNames.newArn(new Scope("123456789012", "eu-west-1"), "prod/db");
        assertThat(arn).matches("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-[A-Za-z0-9]{6}");
    }

    @Test
    void secretIdsAreNamesFullArnsOrPartialArns() {
        assertThat(SecretNames.parse("prod/db", R)).contains(new SecretNames.SecretId(R, "prod/db", "", ""));
        String full = "arn:aws:secretsmanager:r:1:secret:prod/db-AbC123";
        assertThat(SecretNames.parse(full, R))
                .contains(new SecretNames.SecretId(R, "prod/db", full, "prod/db-AbC123"));
        assertThat(SecretNames.parse("arn:aws:secretsmanager:r:1:secret:prod/db", R))
                .contains(new SecretNames.SecretId(R, "prod/db", "", ""));
        assertThat(SecretNames.parse("arn:aws:ssm:r:1:parameter/x", R)).isEmpty();
        assertThat(SecretNames.parse("arn:aws:secretsmanager:r:1:secret:", R)).isEmpty();
    }

    @Test
    void namesAllowOnlyAwsCharacters() {
        assertThat(SecretNames.validName("a/b_c+d=e.f@g-h")).isTrue();
        assertThat(SecretNames.validName("has space")).isFalse();
        assertThat(SecretNames.validName("colon:no")).isFalse();
        assertThat(SecretNames.validName("")).isFalse();
    }

    @Test
    void listFiltersMatchNamesByPrefixAndWordsIgnoringCase() {
        Secret secret = new Secret("1", "r", "prod/db-password", "arn", "Primary DatabaseCredentials", "",
                List.of(new Secret.Tag("team", "payments")), 0, 0, 0, 0, 0, List.of());
        assertThat(new SecretFilter("name", List.of("prod/")).matches(secret)).isTrue();
        assertThat(new SecretFilter("name", List.of("db")).matches(secret)).isFalse();
        assertThat(new SecretFilter("name", List.of("!dev")).matches(secret)).isTrue();
        assertThat(new SecretFilter("name", List.of("!prod")).matches(secret)).isFalse();
        assertThat(new SecretFilter("tag-key", List.of("te")).matches(secret)).isTrue();
        assertThat(new SecretFilter("tag-value", List.of("pay")).matches(secret)).isTrue();
        assertThat(new SecretFilter("description", List.of("database")).matches(secret)).isTrue();
        assertThat(new SecretFilter("description", List.of("creden")).matches(secret)).isTrue();
        assertThat(new SecretFilter("all", List.of("password")).matches(secret)).isTrue();
        assertThat(new SecretFilter("all", List.of("nothing")).matches(secret)).isFalse();
        assertThat(SecretFilter.all(List.of(new SecretFilter("name", List.of("prod")),
                new SecretFilter("tag-key", List.of("owner"))), secret)).isFalse();
    }
}
