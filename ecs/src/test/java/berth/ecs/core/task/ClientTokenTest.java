package berth.ecs.core.task;

import static berth.ecs.core.task.TaskFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientTokenTest {
    private final String fingerprint = ClientToken.fingerprintOf("RunTaskRequest(Cluster=prod, Count=2)");
    private final ClientToken remembered = new ClientToken("123456789012", "us-east-1", "prod", "token-1", fingerprint,
            List.of("arn:aws:ecs:us-east-1:123456789012:task/prod/a"), List.of(), T0);

    @Test
    void anUnusedTokenRunsTheRequest() {
        assertThat(ClientToken.decide(Optional.empty(), fingerprint, T0)).isInstanceOf(ClientToken.Decision.Fresh.class);
    }

    @Test
    void theSameParametersWithinADayReplayTheOriginalResult() {
        assertThat(ClientToken.decide(Optional.of(remembered), fingerprint, T0.plus(Duration.ofHours(23))))
                .isEqualTo(new ClientToken.Decision.Replay(remembered));
    }

    @Test
    void otherParametersConflict() {
        String other = ClientToken.fingerprintOf("RunTaskRequest(Cluster=prod, Count=3)");
        assertThat(other).isNotEqualTo(fingerprint).hasSize(64);
        assertThat(ClientToken.decide(Optional.of(remembered), other, T0.plusSeconds(1)))
                .isEqualTo(new ClientToken.Decision.Conflict(remembered));
    }

    @Test
    void afterADayTheTokenIsFreeAgain() {
        assertThat(ClientToken.decide(Optional.of(remembered), "other", T0.plus(ClientToken.TIME_TO_LIVE)))
                .isInstanceOf(ClientToken.Decision.Fresh.class);
        assertThat(remembered.expired(T0.plus(Duration.ofHours(24)))).isTrue();
        assertThat(remembered.key()).isEqualTo("123456789012/us-east-1/prod/token-1");
    }
}
