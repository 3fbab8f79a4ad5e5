package berth.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import berth.registry.auth.RegistryTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HmacRegistryTokensTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final HmacRegistryTokens tokens = new HmacRegistryTokens(new byte[32], clock, () -> "http://127.0.0.1:4566");

    @Test
    void aVerifiedPasswordKeepsVerifyingUntilItExpiresAndNotAfter() {
        RegistryTokens.Credentials issued = tokens.issue(new Scope("000000000000", "us-east-1"), "arn:aws:iam::000000000000:root");
        RegistryTokens.Holder first = tokens.verify(issued.password()).orElseThrow();
        assertThat(first.scope()).isEqualTo(new Scope("000000000000", "us-east-1"));
        assertThat(tokens.verify(issued.password())).contains(first);

        now.set(issued.expiresAt().minusSeconds(1));
        assertThat(tokens.verify(issued.password())).contains(first);
        now.set(issued.expiresAt().plus(Duration.ofSeconds(1)));
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
