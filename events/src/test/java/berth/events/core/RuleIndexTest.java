package berth.events.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RuleIndexTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void findsExactlyWhatALinearScanFinds() throws Exception {
        SplittableRandom random = new SplittableRandom(20261207);
        RuleIndex index = new RuleIndex();
        Map<String, EventPattern> rules = new LinkedHashMap<>();
        int next = 0;
        while (rules.size() < 400) next = putRandomRule(random, index, rules, next);
        long matches = 0;
        for (int e = 0; e < 2000; e++) {
            if (e % 100 == 99) {
                for (int k = 0; k < 10; k++) {
                    List<String> ids = new ArrayList<>(rules.keySet());
                    String victim = ids.get(random.nextInt(ids.size()));
                    if (random.nextBoolean()) {
                        index.remove(victim);
                        rules.remove(victim);
                    } else {
                        EventPattern replacement = randomPattern(random);
                        index.put(victim, replacement);
                        rules.put(victim, replacement);
                    }
                    next = putRandomRule(random, index, rules, next);
                }
            }
            JsonNode event = randomEvent(random);
            List<String> expected = new ArrayList<>();
            rules.forEach((id, pattern) -> {
                if (pattern.matches(event)) expected.add(id);
            });
            assertThat(index.matching(event)).as("event %s", event).isEqualTo(expected);
            matches += expected.size();
        }
        assertThat(index.size()).isEqualTo(rules.size());
        assertThat(matches).as("the mix matches often enough to mean something").isGreaterThan(50_000);
    }

    @Test
    void putRemoveAndReplace() throws Exception {
        RuleIndex index = new RuleIndex();
        JsonNode event = JSON.readTree("{\"source\":\"aws.ec2\",\"detail\":{\"state\":\"running\",\"n\":5}}");
        assertThat(index.matching(event)).isEmpty();

        index.put("b", EventPattern.parse("{\"source\":[\"aws.ec2\"]}"));
        index.put("a", EventPattern.parse("{\"detail\":{\"n\":[{\"numeric\":[\">\",1]}]}}"));
        index.put("c", EventPattern.parse("{\"source\":[\"aws.s3\"]}"));
        assertThat(index.matching(event)).containsExactly("b", "a");
        assertThat(index.size()).isEqualTo(3);

        index.put("b", EventPattern.parse("{\"source\":[\"aws.s3\"]}"));
        assertThat(index.matching(event)).containsExactly("a");
        index.put("c", EventPattern.parse("{\"detail\":{\"state\":[{\"prefix\":\"run\"}]}}"));
        assertThat(index.matching(event)).as("a replaced rule keeps its place").containsExactly("a", "c");

        index.remove("a");
        index.remove("missing");
        assertThat(index.matching(event)).containsExactly("c");
        assertThat(index.size()).isEqualTo(2);

        index.putAll(Map.of("d", EventPattern.parse("{\"detail\":{\"gone\":[{\"exists\":false}]}}")));
        assertThat(index.matching(event)).containsExactly("c", "d");
        index.remove("c");
        index.remove("b");
        index.remove("d");
        assertThat(index.matching(event)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void readersSeeWholeSnapshotsWhileAWriterChangesRules() throws Exception {
        RuleIndex index = new RuleIndex();
        index.put("always", EventPattern.parse("{\"source\":[\"a\"]}"));
        JsonNode event = JSON.readTree("{\"source\":\"a\"}");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 300; i++) {
                    index.put("r" + i, EventPattern.parse("{\"source\":[{\"prefix\":\"" + (i % 2 == 0 ? "a" : "b") + "\"}]}"));
                    if (i >= 10) index.remove("r" + (i - 10));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            List<String> matched = index.matching(event);
            assertThat(matched).first().isEqualTo("always");
            assertThat(matched).allMatch(id -> id.equals("always") || Integer.parseInt(id.substring(1)) % 2 == 0);
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(index.matching(event)).containsExactly("always", "r290", "r292", "r294", "r296", "r298");
    }

    private static int putRandomRule(SplittableRandom random, RuleIndex index, Map<String, EventPattern> rules, int next) {
        EventPattern pattern = randomPattern(random);
        String id = "rule-" + next;
        index.put(id, pattern);
        rules.put(id, pattern);
        return next + 1;
    }

    // --- rules: the bench's kinds of conditions and the rest of the language, on a few shared paths

    private static final String[][] PATHS = {{"source"}, {"detail-type"}, {"detail", "state"}, {"detail", "amount"},
            {"detail", "key"}, {"detail", "ip"}, {"detail", "coupon"}, {"detail", "items", "kind"}, {"detail", "items", "n"},
            {"detail", "bucket", "name"}, {"detail", "bucket"}, {"detail", "items"}, {"resources"}, {"detail", "flag"}, {"detail.state"},
            {"detail", "bucket.name"}};
    private static final String[] WORDS = {"app.s1", "app.s12", "aws.s3", "App.S1", "paid", "new", "PAID", "shipped",
            "u/3.png", "u/3.PNG", "dir/lib/x.txt", "a*b", "x", "", "Order Placed", "order placed", "b1", "b2", "eu-west-1",
            "arn:aws:s3:::b1"};

    static EventPattern randomPattern(SplittableRandom random) {
        while (true) {
            ObjectNode pattern = NODES.objectNode();
            int fields = 1 + random.nextInt(3);
            for (int f = 0; f < fields; f++) {
                if (random.nextInt(6) == 0) {
                    ArrayNode or = NODES.arrayNode();
                    int alternatives = 2 + random.nextInt(2);
                    for (int a = 0; a < alternatives; a++) {
                        ObjectNode alternative = NODES.objectNode();
                        addField(random, alternative, 1 + random.nextInt(2));
                        or.add(alternative);
                    }
                    pattern.set("$or", or);
                } else {
                    addField(random, pattern, 1);
                }
            }
            try {
                return EventPattern.parse(pattern.toString());
            } catch (EventPattern.InvalidEventPattern e) {
                // conditions on one path at two depths (a.b as a field and as an object); draw again
            }
        }
    }

    private static void addField(SplittableRandom random, ObjectNode into, int count) {
        for (int c = 0; c < count; c++) {
            String[] path = PATHS[random.nextInt(PATHS.length)];
            ObjectNode at = into;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode existing = at.get(path[i]);
                if (existing != null && !existing.isObject()) return;
                at = existing == null ? at.putObject(path[i]) : (ObjectNode) existing;
            }
            ArrayNode values = NODES.arrayNode();
            int n = random.nextInt(4) == 0 ? 2 : 1;
            for (int i = 0; i < n; i++) values.add(randomMatcher(random));
            at.set(path[path.length - 1], values);
        }
    }

    private static JsonNode randomMatcher(SplittableRandom random) {
        String word = WORDS[random.nextInt(WORDS.length)];
        String piece = word.length() > 2 ? word.substring(0, 1 + random.nextInt(word.length() - 1)) : "a";
        String tail = word.length() > 2 ? word.substring(random.nextInt(word.length() - 1)) : "b";
        int low = random.nextInt(40);
        return switch (random.nextInt(24)) {
            case 0, 1, 2 -> NODES.textNode(word);
            case 3 -> NODES.numberNode(random.nextInt(12));
            case 4 -> NODES.numberNode(random.nextInt(6) + 0.5);
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.nullNode();
            case 7 -> op("prefix", NODES.textNode(piece));
            case 8 -> op("prefix", op("equals-ignore-case", NODES.textNode(piece.toUpperCase())));
            case 9 -> op("suffix", NODES.textNode(tail));
            case 10 -> op("suffix", op("equals-ignore-case", NODES.textNode(tail.toLowerCase())));
            case 11 -> op("equals-ignore-case", NODES.textNode(word.toUpperCase()));
            case 12 -> op("anything-but", random.nextBoolean() ? NODES.textNode(word)
                    : NODES.arrayNode().add(word).add(WORDS[random.nextInt(WORDS.length)]));
            case 13 -> op("anything-but", random.nextBoolean() ? NODES.numberNode(random.nextInt(12))
                    : NODES.arrayNode().add(random.nextInt(12)).add(2.5));
            case 14 -> op("anything-but", op(List.of("prefix", "suffix").get(random.nextInt(2)),
                    random.nextBoolean() ? NODES.textNode(piece) : NODES.arrayNode().add(piece).add(tail)));
            case 15 -> op("anything-but", op("equals-ignore-case", NODES.arrayNode().add(word.toUpperCase()).add("x")));
            case 16 -> op("anything-but", op("wildcard", random.nextBoolean() ? NODES.textNode("*/lib/*")
                    : NODES.arrayNode().add(piece + "*").add("*" + tail)));
            case 17 -> op("numeric", NODES.arrayNode().add(List.of(">", ">=", "<", "<=", "=").get(random.nextInt(5))).add(low));
            case 18 -> op("numeric", NODES.arrayNode().add(random.nextBoolean() ? ">" : ">=").add(low)
                    .add(random.nextBoolean() ? "<" : "<=").add(low + 1 + random.nextInt(20)));
            case 19 -> op("exists", NODES.booleanNode(random.nextBoolean()));
            case 20 -> op("wildcard", NODES.textNode(random.nextBoolean() ? piece + "*" + tail : "*" + piece + "*"));
            case 21 -> op("wildcard", NODES.textNode(random.nextBoolean() ? "a\\*b" : word.replace("*", "\\*")));
            case 22 -> op("cidr", NODES.textNode(random.nextBoolean() ? "10.0.0.0/24" : "2001:db8::/32"));
            default -> op("prefix", NODES.textNode(""));
        };
    }

    private static ObjectNode op(String name, JsonNode operand) {
        ObjectNode matcher = NODES.objectNode();
        matcher.set(name, operand);
        return matcher;
    }

    // --- events: the same paths, with arrays, nulls, objects where scalars were and absent fields

    private static JsonNode randomEvent(SplittableRandom random) {
        ObjectNode event = NODES.objectNode();
        event.put("version", "0");
        maybe(random, event, "source");
        maybe(random, event, "detail-type");
        if (random.nextInt(4) != 0) event.set("resources", NODES.arrayNode().add(randomScalar(random)).add(randomScalar(random)));
        if (random.nextInt(10) == 0) return event;
        ObjectNode detail = event.putObject("detail");
        for (String name : List.of("state", "amount", "key", "ip", "coupon", "flag")) maybe(random, detail, name);
        if (random.nextBoolean()) {
            ArrayNode items = detail.putArray("items");
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                ObjectNode item = items.addObject();
                maybe(random, item, "kind");
                maybe(random, item, "n");
            }
            if (random.nextInt(5) == 0) items.add(randomScalar(random));
        }
        if (random.nextInt(6) == 0) maybe(random, detail, "bucket.name");
        if (random.nextInt(8) == 0) maybe(random, event, "detail.state");
        if (random.nextBoolean()) {
            ObjectNode bucket = detail.putObject("bucket");
            maybe(random, bucket, "name");
        } else if (random.nextInt(5) == 0) {
            detail.put("bucket", "b1");
        }
        return event;
    }

    private static void maybe(SplittableRandom random, ObjectNode into, String name) {
        switch (random.nextInt(8)) {
            case 0 -> { }
            case 1 -> into.set(name, NODES.arrayNode().add(randomScalar(random)).add(randomScalar(random)));
            case 2 -> into.putObject(name).put("inner", 1);
            case 3 -> into.set(name, NODES.arrayNode());
            default -> into.set(name, randomScalar(random));
        }
    }

    private static JsonNode randomScalar(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> NODES.textNode(WORDS[random.nextInt(WORDS.length)]);
            case 4 -> NODES.numberNode(random.nextInt(45));
            case 5 -> NODES.numberNode(random.nextInt(6) + 0.5);
            case 6 -> NODES.textNode(List.of("10.0.0.7", "10.0.1.7", "2001:db8::9", "2002::1").get(random.nextInt(4)));
            case 7 -> NODES.booleanNode(random.nextBoolean());
            case 8 -> NODES.nullNode();
            default -> NODES.numberNode(List.of(5.0, 10.0, 3.0e1, 1e12).get(random.nextInt(4)));
        };
    }
}
