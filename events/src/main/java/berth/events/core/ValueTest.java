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
        return new Anchored(test, anchors);
    }

    /** A test with its anchors. */
    record Anchored(ValueTest test, List<Anchor> anchors) implements ValueTest {
        @Override
        public boolean test(JsonNode value) {
            return test.test(value);
        }
    }

    /** An exact string, the commonest test, without indirection. */
    record Text(String wanted, List<Anchor> anchors) implements ValueTest {
        Text(String wanted) {
            this(wanted, List.of(new Anchor.Text(wanted)));
        }

        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().equals(wanted);
        }
    }

    /** A case-sensitive prefix or suffix. */
    record Affix(String wanted, boolean prefix, List<Anchor> anchors) implements ValueTest {
        Affix(String wanted, boolean prefix) {
            this(wanted, prefix, List.of(prefix ? new Anchor.Prefix(wanted, false) : new Anchor.Suffix(wanted, false)));
        }

        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && (prefix ? value.textValue().startsWith(wanted) : value.textValue().endsWith(wanted));
        }
    }
}
