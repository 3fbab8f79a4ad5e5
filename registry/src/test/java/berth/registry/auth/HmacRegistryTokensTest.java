package berth.registry.auth;

import berth.store.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import berth.registry.auth.RegistryTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HmacRegistryTokensTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HmacRegistryTokens tokens = new HmacRegistryTokens(new byte[32], clock, () -> "http://127.0.0.1:4566");

    @Test
    void aVerifiedPasswordKeepsVerifyingUntilItExpiresAndNotAfter() {
        RegistryTokens.Credentials issued = tokens.issue(new Scope("000000000000", "us-east-1"), "arn:aws:iam::000000000000:root");
        RegistryTokens.Holder first = tokens.verify(issued.password()).orElseThrow();
        assertThat(first.scope()).isEqualTo(new Scope("000000000000", "us-east-1"));
        assertThat(tokens.verify(issued.password())).contains(first);

        clock.set(issued.expiresAt().minusSeconds(1));
        assertThat(tokens.verify(issued.password())).contains(first);
        clock.set(issued.expiresAt().plus(Duration.ofSeconds(1)));
        assertThat(tokens.verify(issued.password())).isEmpty();
        assertThat(tokens.verify(issued.password())).isEmpty();
    }

    @Test
    void aPasswordSignedWithAnotherKeyOrAlteredNeverVerifies() {
        String password = tokens.issue(new Scope("000000000000", "us-east-1"), "arn:aws:iam::000000000000:root").password();
        HmacRegistryTokens otherKey = new HmacRegistryTokens("another key of at least 32 bytes".getBytes(), clock, () -> "http://127.0.0.1:4566");
        assertThat(tokens.verify(password)).isPresent();
        assertThat(otherKey.verify(password)).isEmpty();
        assertThat(tokens.verify(password + "x")).isEmpty();
    }
}
