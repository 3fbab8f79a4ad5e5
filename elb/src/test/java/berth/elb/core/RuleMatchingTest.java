package berth.elb.core;

import berth.aws.text.Wildcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RuleMatchingTest {

    record Facts(String method, String host, String path, String rawQuery, Map<String, List<String>> headers, byte[] sourceAddress)
            implements RequestFacts {
        static Facts get(String host, String path) {
            return new Facts("GET", host, path, "", Map.of(), new byte[] {10, 1, 2, 3});
        }

        Facts query(String q) {
            return new Facts(method, host, path, q, headers, sourceAddress);
        }

        Facts header(String name, String value) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            h.put(name, List.of(value));
            return new Facts(method, host, path, rawQuery, h, sourceAddress);
        }

        @Override
        public List<String> headerValues(String name) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            return h.getOrDefault(name, List.of());
        }
    }

    @Test
    void starMatchesAnyRunAndQuestionMarkExactlyOneCharacter() {
        Wildcard p = Wildcard.compile("/img/*.png", Wildcard.Syntax.IAM);
        assertThat(p.matches("/img/a.png")).isTrue();
        assertThat(p.matches("/img/.png")).isTrue();
        assertThat(p.matches("/img/a/b/c.png")).isTrue();
        assertThat(p.matches("/img/a.PNG")).isFalse();
        assertThat(p.matches("/img/a.png.bak")).isFalse();
        Wildcard q = Wildcard.compile("/v?/*", Wildcard.Syntax.IAM);
        assertThat(q.matches("/v1/x")).isTrue();
        assertThat(q.matches("/v10/x")).isFalse();
        assertThat(q.matches("/v/x")).isFalse();
        assertThat(Wildcard.compile("*a*b*", Wildcard.Syntax.IAM).matches("xxaxxbxx")).isTrue();
        assertThat(Wildcard.compile("*a*b*", Wildcard.Syntax.IAM).matches("xxbxxaxx")).isFalse();
        assertThat(Wildcard.compile("exact", Wildcard.Syntax.IAM).matches("exact")).isTrue();
        assertThat(Wildcard.compile("*", Wildcard.Syntax.IAM).matches("")).isTrue();
    }

    @Test
    void escapedWildcardsAreLiteralWhereEscapesAreAllowed() {
        Wildcard p = Wildcard.compile("a\\*b", Wildcard.Syntax.IAM.withIgnoreCase(true).withEscapes(true));
        assertThat(p.matches("a*b")).isTrue();
        assertThat(p.matches("axxb")).isFalse();
    }

    @Test
    void hostsAreCaseInsensitivePathsAreNot() {
        var host = RuleMatcher.compile(List.of(new Condition.HostHeader(List.of("*.Example.com"))));
        assertThat(host.test(Facts.get("API.example.COM", "/"))).isTrue();
        assertThat(host.test(Facts.get("example.com", "/"))).isFalse();
        var path = RuleMatcher.compile(List.of(new Condition.PathPattern(List.of("/Api/*"))));
        assertThat(path.test(Facts.get("h", "/Api/x"))).isTrue();
        assertThat(path.test(Facts.get("h", "/api/x"))).isFalse();
    }

    @Test
    void allConditionsOfARuleMustMatchAndAnyValueOfACondition() {
        var rule = RuleMatcher.compile(List.of(
                new Condition.PathPattern(List.of("/a", "/b")),
                new Condition.HttpRequestMethod(List.of("POST", "PUT"))));
        assertThat(rule.test(new Facts("PUT", "h", "/b", "", Map.of(), new byte[4]))).isTrue();
        assertThat(rule.test(new Facts("GET", "h", "/b", "", Map.of(), new byte[4]))).isFalse();
        assertThat(rule.test(new Facts("post", "h", "/b", "", Map.of(), new byte[4]))).as("methods are case-sensitive").isFalse();
        assertThat(rule.test(new Facts("POST", "h", "/c", "", Map.of(), new byte[4]))).isFalse();
    }

    @Test
    void headerQueryAndSourceConditions() {
        var header = RuleMatcher.compile(List.of(new Condition.HttpHeader("User-Agent", List.of("*Mobile*"))));
        assertThat(header.test(Facts.get("h", "/").header("user-agent", "Foo mobile Bar"))).isTrue();
        assertThat(header.test(Facts.get("h", "/"))).isFalse();
        var query = RuleMatcher.compile(List.of(new Condition.QueryString(List.of(
                new Condition.KeyValue("lang", "en*"), new Condition.KeyValue("", "beta")))));
        assertThat(query.test(Facts.get("h", "/").query("x=1&LANG=en-GB"))).isTrue();
        assertThat(query.test(Facts.get("h", "/").query("flag=beta"))).as("an empty key matches any key").isTrue();
        assertThat(query.test(Facts.get("h", "/").query("lang=fr"))).isFalse();
        assertThat(query.test(Facts.get("h", "/").query("lang=en%2Dus"))).as("values are decoded").isTrue();
        var source = RuleMatcher.compile(List.of(new Condition.SourceIp(List.of("10.1.0.0/16", "192.168.0.1/32"))));
        assertThat(source.test(Facts.get("h", "/"))).isTrue();
        assertThat(source.test(new Facts("GET", "h", "/", "", Map.of(), new byte[] {10, 2, 0, 1}))).isFalse();
    }

    @Test
    void theLowestMatchingPriorityWinsAndTheDefaultCatchesTheRest() {
        Rule low = rule(5, new Condition.PathPattern(List.of("/api/*")), "five");
        Rule high = rule(1, new Condition.PathPattern(List.of("/api/v1/*")), "one");
        Rule other = rule(3, new Condition.HostHeader(List.of("admin.*")), "three");
        RuleTable<String> table = RuleTable.compile(List.of(low, high, other),
                List.of(new Action.FixedResponse(404, "", "default")), a -> ((Action.FixedResponse) a).messageBody());
        assertThat(table.route(Facts.get("x", "/api/v1/users"))).isEqualTo("one");
        assertThat(table.route(Facts.get("x", "/api/v2/users"))).isEqualTo("five");
        assertThat(table.route(Facts.get("admin.example.com", "/api/v2"))).isEqualTo("three");
        assertThat(table.route(Facts.get("x", "/"))).isEqualTo("default");
        assertThat(RuleTable.compile(List.of(), List.of(new Action.FixedResponse(200, "", "d")), a -> a).defaultOnly()).isTrue();
    }

    private static Rule rule(int priority, Condition condition, String answer) {
        return new Rule("1", "r", LoadBalancerType.APPLICATION, "lb", "id", "l", "r" + priority, priority, List.of(condition),
                List.of(new Action.FixedResponse(200, "", answer)), Map.of());
    }
}
