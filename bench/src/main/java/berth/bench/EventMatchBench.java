package berth.bench;

import berth.events.core.EventPattern;
import berth.events.core.RuleIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * EventBridge matching: events per second, each parsed once and matched against 1,000 rules (exact
 * sources and detail types, prefixes, suffixes, anything-but, numeric ranges, exists, wildcards,
 * $or) through {@link RuleIndex}, beside the anchor of a plain Jackson parse of the same events, and
 * the ratio; a linear scan of the same rules is the second line, for comparison.
 */
public final class EventMatchBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<EventPattern> rules = new ArrayList<>();
        RuleIndex index = new RuleIndex();
        for (int i = 0; i < 1000; i++) {
            rules.add(EventPattern.parse(switch (i % 8) {
                case 0 -> "{\"source\":[\"app.s" + i + "\"],\"detail-type\":[\"Order Placed\"]}";
                case 1 -> "{\"source\":[{\"prefix\":\"app.s" + (i % 50) + "\"}],\"detail\":{\"state\":[\"paid\"]}}";
                case 2 -> "{\"detail\":{\"key\":[{\"suffix\":\"." + i + ".png\"}]}}";
                case 3 -> "{\"detail\":{\"state\":[{\"anything-but\":[\"paid\",\"new\"]}],\"amount\":[{\"numeric\":[\">\"," + i + "]}]}}";
                case 4 -> "{\"detail\":{\"amount\":[{\"numeric\":[\">=\"," + i + ",\"<\"," + (i + 10) + "]}]}}";
                case 5 -> "{\"detail\":{\"coupon\":[{\"exists\":true}],\"region\":[{\"wildcard\":\"eu-*-" + (i % 3) + "\"}]}}";
                case 6 -> "{\"$or\":[{\"source\":[\"app.s" + i + "\"]},{\"detail\":{\"amount\":[" + i + "]}}]}";
                default -> "{\"source\":[\"aws.s3\"],\"detail\":{\"bucket\":{\"name\":[\"b" + i + "\"]}}}";
            }));
            index.put("rule-" + i, rules.get(i));
        }
        String[] states = {"new", "paid", "shipped", "cancelled"};
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            events.add("{\"version\":\"0\",\"id\":\"" + i + "\",\"source\":\"app.s" + random.nextInt(1000)
                    + "\",\"detail-type\":\"Order Placed\",\"account\":\"000000000000\",\"time\":\"2026-12-07T16:00:00Z\","
                    + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"state\":\"" + states[random.nextInt(4)]
                    + "\",\"amount\":" + random.nextInt(1200) + ",\"key\":\"u/" + random.nextInt(1000) + ".png\","
                    + (random.nextBoolean() ? "\"coupon\":\"X\"," : "") + "\"region\":\"eu-west-" + random.nextInt(3)
                    + "\",\"bucket\":{\"name\":\"b" + random.nextInt(1000) + "\"}}}");
        }
        long matched = 0;
        long scanned = 0;
        for (int round = 0; round < 3; round++) {
            matched = matchIndexed(index, events);
            scanned = matchAll(rules, events);
            parseAll(events);
        }
        if (matched != scanned) {
            throw new IllegalStateException("index matched " + matched + " but the linear scan " + scanned);
        }
        // index, scan and parse take turns, so a neighbour's load on the shared cores falls on all three alike
        long indexNanos = 0;
        long scanNanos = 0;
        long parseNanos = 0;
        int turns = 5;
        for (int turn = 0; turn < turns; turn++) {
            long start = System.nanoTime();
            for (int round = 0; round < 10; round++) matched = matchIndexed(index, events);
            indexNanos += System.nanoTime() - start;
            start = System.nanoTime();
            scanned = matchAll(rules, events);
            scanNanos += System.nanoTime() - start;
            start = System.nanoTime();
            for (int round = 0; round < 20; round++) parseAll(events);
            parseNanos += System.nanoTime() - start;
        }
        double indexPerSecond = turns * 10.0 * events.size() / (indexNanos / 1e9);
        double scanPerSecond = turns * (double) events.size() / (scanNanos / 1e9);
        double parsePerSecond = turns * 20.0 * events.size() / (parseNanos / 1e9);
        System.out.printf("events matched against 1,000 rules through RuleIndex: %,.0f events/s (%,d matches per pass of %,d events)%n",
                indexPerSecond, matched, events.size());
        System.out.printf("the same rules scanned one by one: %,.0f events/s (%,d matches per pass)%n", scanPerSecond, scanned);
        System.out.printf("anchor, Jackson readTree of the same events: %,.0f events/s%n", parsePerSecond);
        System.out.printf("ratio: through the index matching 1,000 rules costs %.1f parses per event (%.3f of parse throughput);"
                        + " scanned, %.1f (%.3f)%n",
                parsePerSecond / indexPerSecond, indexPerSecond / parsePerSecond,
                parsePerSecond / scanPerSecond, scanPerSecond / parsePerSecond);
    }

    private static long matchIndexed(RuleIndex index, List<String> events) throws Exception {
        long matched = 0;
        for (String event : events) matched += index.matching(JSON.readTree(event)).size();
        return matched;
    }

    private static long matchAll(List<EventPattern> rules, List<String> events) throws Exception {
        long matched = 0;
        for (String event : events) {
            JsonNode tree = JSON.readTree(event);
            for (EventPattern rule : rules) {
                if (rule.matches(tree)) matched++;
            }
        }
        return matched;
    }

    private static long parseAll(List<String> events) throws Exception {
        long fields = 0;
        for (String event : events) fields += JSON.readTree(event).size();
        return fields;
    }
}
