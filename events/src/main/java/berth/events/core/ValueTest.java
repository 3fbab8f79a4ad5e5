package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One entry of a field's array in a pattern: a test of one scalar event value. */
interface ValueTest {
    boolean test(JsonNode value);

    /**
     * Anchors each of which every value passing the test meets (any one of them may be used); empty
     * when nothing narrower than presence is known ({@code anything-but}, {@code cidr}, ...).
     */
    default List<Anchor> anchors() {
        return List.of();
    }

    static ValueTest of(ValueTest test, List<Anchor> anchors) {
        return new ValueTest() {
            @Override
            public boolean test(JsonNode value) {
                return test.test(value);
            }

            @Override
            public List<Anchor> anchors() {
                return anchors;
            }
        };
    }
}
