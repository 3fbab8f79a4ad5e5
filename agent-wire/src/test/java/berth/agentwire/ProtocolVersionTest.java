package berth.agentwire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Peers of one major version talk; anything else is refused with a reason that says what to run. */
class ProtocolVersionTest {

    private static final ProtocolVersion ONE = new ProtocolVersion(1, 0);

    @Test
    void parsesMajorDotMinor() {
        assertThat(ProtocolVersion.parse("1.0")).contains(ONE);
        assertThat(ProtocolVersion.parse(" 2.13 ")).contains(new ProtocolVersion(2, 13));
        assertThat(ProtocolVersion.parse("1")).isEmpty();
        assertThat(ProtocolVersion.parse("v1.0")).isEmpty();
        assertThat(ProtocolVersion.parse("1.0.0")).isEmpty();
        assertThat(ProtocolVersion.parse(null)).isEmpty();
        assertThat(ONE).hasToString("1.0");
    }

    @Test
    void anyMinorOfTheSameMajorIsSpoken() {
        assertThat(ONE.refusal("1.0")).isEmpty();
        assertThat(ONE.refusal("1.7")).as("a newer minor only adds fields").isEmpty();
        assertThat(new ProtocolVersion(1, 4).refusal("1.0")).as("an older minor lacks some").isEmpty();
    }

    @Test
    void anotherMajorIsRefused() {
        assertThat(ONE.refusal("2.0")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("Agent protocol 2.0 is not spoken here").contains("speaks 1.0"));
        assertThat(ONE.refusal("0.9")).isPresent();
    }

    @Test
    void aMissingOrUnreadableVersionIsRefused() {
        assertThat(ONE.refusal("")).hasValueSatisfying(reason -> assertThat(reason)
                .contains(AgentProtocol.VERSION_HEADER).contains("1.0"));
        assertThat(ONE.refusal(null)).isPresent();
        assertThat(ONE.refusal("latest")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("must be MAJOR.MINOR").contains("'latest'"));
    }

    @Test
    void thisBuildSpeaksVersionOne() {
        assertThat(ProtocolVersion.CURRENT.major()).isEqualTo(1);
    }
}
