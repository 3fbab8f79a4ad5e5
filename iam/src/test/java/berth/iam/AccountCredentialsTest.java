package berth.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountCredentialsTest {
    private final AccountCredentials credentials = new AccountCredentials("000000000000");

    @Test
    void defaultKeyIsRootOfDefaultAccount() {
        var key = credentials.find("test").orElseThrow();
        assertThat(key.secretAccessKey()).isEqualTo("test");
        assertThat(key.identity().accountId()).isEqualTo("000000000000");
        assertThat(key.identity().arn()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(key.identity().root()).isTrue();
    }

    @Test
    void twelveDigitKeySelectsThatAccount() {
        var key = credentials.find("111122223333").orElseThrow();
        assertThat(key.identity().accountId()).isEqualTo("111122223333");
        assertThat(key.secretAccessKey()).isEqualTo("test");
    }

    @Test
    void otherKeysAreUnknown() {
        assertThat(credentials.find("AKIAIOSFODNN7EXAMPLE")).isEmpty();
        assertThat(credentials.find("11112222333")).isEmpty();
        assertThat(credentials.find("1111222233334")).isEmpty();
    }

    @Test
    void defaultAccountMustBeTwelveDigits() {
        assertThatThrownBy(() -> new AccountCredentials("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
