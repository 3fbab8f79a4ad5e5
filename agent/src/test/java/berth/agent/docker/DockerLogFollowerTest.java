package berth.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.ContainerLogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The second, unfollowed read after a followed stream ended early passes on only what the followed
 * stream did not deliver: the engine cuts the tail of a followed stream at the container's exit only
 * sometimes, so this is where the de-duplication is pinned down.
 */
class DockerLogFollowerTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00.123456789Z");

    private final List<String> consumed = new ArrayList<>();
    private final DockerLogFollower.Delivered delivered = new DockerLogFollower.Delivered(l -> consumed.add(l.text()));

    @Test
    void theCatchUpReadSkipsWhatWasFollowedAndDeliversTheRest() {
        delivered.followed(line(T, "one"));
        delivered.followed(line(T.plusNanos(5), "two"));

        // the second read starts at the second of the last line, so it repeats everything before
        delivered.caughtUp(line(T, "one"));
        delivered.caughtUp(line(T.plusNanos(5), "two"));
        delivered.caughtUp(line(T.plusNanos(9), "three"));
        delivered.caughtUp(line(T.plusMillis(1), "four"));

        assertThat(consumed).containsExactly("one", "two", "three", "four");
        assertThat(delivered.last()).contains(T.plusNanos(5));
    }

    @Test
    void linesSharingTheLastTimestampAreSkippedOnlyAsOftenAsTheyWereDelivered() {
        delivered.followed(line(T, "a"));
        delivered.followed(line(T, "b"));

        delivered.caughtUp(line(T, "a"));
        delivered.caughtUp(line(T, "b"));
        delivered.caughtUp(line(T, "c"));

        assertThat(consumed).containsExactly("a", "b", "c");
    }

    @Test
    void withNothingFollowedTheCatchUpDeliversEverything() {
        delivered.caughtUp(line(T, "x"));
        delivered.caughtUp(line(T.plusNanos(1), "y"));

        assertThat(consumed).containsExactly("x", "y");
        assertThat(delivered.last()).isEmpty();
    }

    private static ContainerLogLine line(Instant at, String text) {
        return new ContainerLogLine(at, ContainerLogLine.Stream.STDOUT, text);
    }
}
