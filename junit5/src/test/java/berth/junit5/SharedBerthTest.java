package berth.junit5;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Classes that say {@code shared = true} get the same berth; others get their own. */
class SharedBerthTest {
    static final AtomicReference<URI> FIRST = new AtomicReference<>();

    @BerthTest(shared = true)
    @Nested
    class First {
        @Test
        void remembersItsBerth(URI endpoint) {
            FIRST.compareAndSet(null, endpoint);
            assertThat(FIRST.get()).isEqualTo(endpoint);
        }
    }

    @BerthTest(shared = true)
    @Nested
    class Second {
        @Test
        void seesTheSameBerth(URI endpoint) {
            FIRST.compareAndSet(null, endpoint);
            assertThat(endpoint).isEqualTo(FIRST.get());
        }
    }

    @BerthTest
    @Nested
    class Own {
        @Test
        void hasItsOwn(URI endpoint, Berth berth) {
            assertThat(endpoint).isEqualTo(berth.endpoint());
            if (FIRST.get() != null) assertThat(endpoint).isNotEqualTo(FIRST.get());
        }
    }
}
