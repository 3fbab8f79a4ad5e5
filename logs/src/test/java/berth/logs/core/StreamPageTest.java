package berth.logs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GetLogEvents paging as AWS does it: newest first by default, f/ and b/ tokens, the same token back at the end. */
class StreamPageTest {

    /** Events at timestamps 1000, 1010, 1020, ... with sequences 0, 1, 2, ... and 10-byte messages. */
    record Events(int count, int bytes) implements OrderedEvents {
        Events(int count) {
            this(count, 10);
        }

        @Override public int size() { return count; }
        @Override public long timestamp(int index) { return 1000 + index * 10L; }
        @Override public long sequence(int index) { return index; }
        @Override public int messageBytes(int index) { return bytes; }
    }

    private static StreamPage page(OrderedEvents events, Optional<StreamToken> token, boolean head, int limit) {
        return StreamPage.of(events, new StreamPage.Request(Long.MIN_VALUE, Long.MAX_VALUE, token, head, limit));
    }

    @Test
    void withoutATokenTheNewestEventsComeBackInAscendingOrder() {
        StreamPage page = page(new Events(25), Optional.empty(), false, 10);
        assertThat(page.from()).isEqualTo(15);
        assertThat(page.to()).isEqualTo(25);
    }

    @Test
    void startFromHeadReadsTheOldestFirst() {
        StreamPage page = page(new Events(25), Optional.empty(), true, 10);
        assertThat(page.from()).isZero();
        assertThat(page.to()).isEqualTo(10);
    }

    @Test
    void forwardTokensWalkToTheEndThenRepeat() {
        Events events = new Events(25);
        List<Integer> seen = new ArrayList<>();
        StreamPage page = page(events, Optional.empty(), true, 10);
        String previous = null;
        String token = page.nextForward().encode();
        for (int i = page.from(); i < page.to(); i++) seen.add(i);
        while (!token.equals(previous)) {
            previous = token;
            page = page(events, StreamToken.decode(token), true, 10);
            for (int i = page.from(); i < page.to(); i++) seen.add(i);
            token = page.nextForward().encode();
        }
        assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
        assertThat(token).startsWith("f/").hasSize(58);
    }

    @Test
    void forwardTokenAtTheEndSeesEventsAppendedLater() {
        StreamPage atEnd = page(new Events(5), Optional.empty(), true, 100);
        StreamToken token = atEnd.nextForward();
        StreamPage nothing = page(new Events(5), Optional.of(token), true, 100);
        assertThat(nothing.from()).isEqualTo(nothing.to());
        assertThat(nothing.nextForward()).isEqualTo(token);
        StreamPage later = page(new Events(8), Optional.of(token), true, 100);
        assertThat(later.from()).isEqualTo(5);
        assertThat(later.to()).isEqualTo(8);
    }

    @Test
    void backwardTokensWalkToTheBeginningThenRepeat() {
        Events events = new Events(25);
        StreamPage page = page(events, Optional.empty(), false, 10);
        List<Integer> seen = new ArrayList<>();
        for (int i = page.from(); i < page.to(); i++) seen.add(i);
        StreamToken token = page.nextBackward();
        while (true) {
            StreamPage older = page(events, Optional.of(token), false, 10);
            for (int i = older.from(); i < older.to(); i++) seen.add(i);
            if (older.nextBackward().equals(token)) break;
            token = older.nextBackward();
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(token.encode()).startsWith("b/");
    }

    @Test
    void emptyStreamTokensReadEverythingThatArrivesLater() {
        StreamPage empty = page(new Events(0), Optional.empty(), false, 10);
        assertThat(empty.from()).isEqualTo(empty.to());
        StreamPage later = page(new Events(3), Optional.of(empty.nextForward()), false, 10);
        assertThat(later.to() - later.from()).isEqualTo(3);
    }

    @Test
    void windowIsStartInclusiveEndExclusive() {
        StreamPage page = StreamPage.of(new Events(10), new StreamPage.Request(1020, 1050, Optional.empty(), true, 100));
        assertThat(page.from()).isEqualTo(2);
        assertThat(page.to()).isEqualTo(5);
    }

    @Test
    void responsesStopAtOneMegabyte() {
        OrderedEvents big = new Events(10, 300_000);
        StreamPage page = StreamPage.of(big, new StreamPage.Request(Long.MIN_VALUE, Long.MAX_VALUE, Optional.empty(), true, 100));
        assertThat(page.to() - page.from()).isEqualTo(3);
    }

    @Test
    void tokensRoundTripAndForgeriesAreRefused() {
        StreamToken token = StreamToken.forwardFrom(new EventPosition(1_700_000_000_000L, 41));
        assertThat(StreamToken.decode(token.encode())).contains(token);
        String text = token.encode();
        String edited = text.substring(0, 10) + (text.charAt(10) == '1' ? '2' : '1') + text.substring(11);
        assertThat(StreamToken.decode(edited)).isEmpty();
        assertThat(StreamToken.decode("f/123")).isEmpty();
        assertThat(StreamToken.decode("x" + text.substring(1))).isEmpty();
        assertThat(StreamToken.decode(null)).isEmpty();
    }
}
