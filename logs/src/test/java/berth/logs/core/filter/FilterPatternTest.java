package berth.logs.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of AWS's "Filter pattern syntax" documentation, and the edges around them. */
class FilterPatternTest {

    private static List<String> matching(String pattern, String... messages) {
        FilterPattern parsed = FilterPattern.parse(pattern);
        return java.util.Arrays.stream(messages).filter(parsed::matches).toList();
    }

    @Test
    void emptyPatternMatchesEverything() {
        assertThat(matching("", "a", "")).containsExactly("a", "");
        assertThat(matching("   ", "a")).containsExactly("a");
        assertThat(matching(null, "a")).containsExactly("a");
    }

    @Test
    void termsMatchAnywhereCaseSensitively() {
        assertThat(matching("ERROR", "[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1", "error: lower"))
                .containsExactly("[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1");
    }

    @Test
    void everyTermMustAppear() {
        assertThat(matching("ERROR Exception", "[ERROR] Caught IllegalArgumentException", "[ERROR] Unhandled Exception",
                "[WARN] Exception", "[ERROR] only"))
                .containsExactly("[ERROR] Caught IllegalArgumentException", "[ERROR] Unhandled Exception");
        assertThat(matching("Failed to process the request", "[WARN] Failed to process the request", "Failed request"))
                .containsExactly("[WARN] Failed to process the request");
    }

    @Test
    void questionMarkTermsAreAlternatives() {
        String[] events = {"ERROR WARN message", "ERROR message", "WARN message", "INFO message"};
        assertThat(matching("ERROR", events)).containsExactly("ERROR WARN message", "ERROR message");
        assertThat(matching("?ERROR ?WARN", events)).containsExactly("ERROR WARN message", "ERROR message", "WARN message");
        assertThat(matching("ERROR WARN", events)).containsExactly("ERROR WARN message");
        assertThat(matching("ERROR -WARN", events)).containsExactly("ERROR message");
    }

    @Test
    void minusExcludesATermEvenWhenSeparatedBySpace() {
        assertThat(matching("\"ERROR\" - \"Exiting\"", "[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1"))
                .containsExactly("[ERROR] A fatal exception has occurred");
        assertThat(matching("-DEBUG", "DEBUG x", "INFO y")).containsExactly("INFO y");
    }

    @Test
    void quotedPhrasesMatchAsAWholeIncludingPunctuation() {
        assertThat(matching("\"user=alice id:7\"", "login user=alice id:7 ok", "user=alice  id:7"))
                .containsExactly("login user=alice id:7 ok");
        assertThat(matching("?\"out of memory\" ?\"disk full\"", "kernel: out of memory", "disk full now", "memory out of"))
                .containsExactly("kernel: out of memory", "disk full now");
    }

    @Test
    void jsonFieldsCompareAsStringsWithWildcards() {
        String trail = "{\"eventType\": \"UpdateTrail\", \"sourceIPAddress\": \"111.111.111.111\", "
                + "\"arrayKey\": [\"value\", \"another value\"], \"objectList\": [{\"name\": \"a\", \"id\": 1}, "
                + "{\"name\": \"b\", \"id\": 2}], \"SomeObject\": null, \"ThisFlag\": true}";
        assertThat(matching("{ $.eventType = \"UpdateTrail\" }", trail)).hasSize(1);
        assertThat(matching("{ $.eventType = UpdateTrail }", trail)).hasSize(1);
        assertThat(matching("{ $.eventType = \"Update*\" }", trail)).hasSize(1);
        assertThat(matching("{ $.eventType = *Trail }", trail)).hasSize(1);
        assertThat(matching("{ $.eventType = Up*il }", trail)).isEmpty();
        assertThat(matching("{ $.sourceIPAddress != 123.123.* }", trail)).hasSize(1);
        assertThat(matching("{ $.sourceIPAddress != 111.111.* }", trail)).isEmpty();
        assertThat(matching("{ $.arrayKey[0] = \"value\" }", trail)).hasSize(1);
        assertThat(matching("{ $.objectList[1].id = 2 }", trail)).hasSize(1);
        assertThat(matching("{ $.objectList[1].id = 1 }", trail)).isEmpty();
        assertThat(matching("{ $.SomeObject IS NULL }", trail)).hasSize(1);
        assertThat(matching("{ $.SomeOtherObject NOT EXISTS }", trail)).hasSize(1);
        assertThat(matching("{ $.eventType NOT EXISTS }", trail)).isEmpty();
        assertThat(matching("{ $.ThisFlag IS TRUE }", trail)).hasSize(1);
        assertThat(matching("{ $.ThisFlag IS FALSE }", trail)).isEmpty();
    }

    @Test
    void jsonSelectorOfAContainerOrMissingFieldSatisfiesNoComparison() {
        assertThat(matching("{ $.users = 1 }", "{\"users\": [1, 2, 3]}")).isEmpty();
        assertThat(matching("{ $.users != 1 }", "{\"users\": [1, 2, 3]}")).isEmpty();
        assertThat(matching("{ $.missing != 1 }", "{\"users\": 2}")).isEmpty();
    }

    @Test
    void jsonNumbersCompareNumerically() {
        String[] events = {"{\"level\":\"ERROR\",\"latency\":150}", "{\"level\":\"INFO\",\"latency\":99.5}",
                "{\"level\":\"ERROR\",\"latency\":\"200\"}", "not json latency 500", "{\"latency\":1e3}"};
        assertThat(matching("{ $.latency > 100 }", events))
                .containsExactly(events[0], events[2], events[4]);
        assertThat(matching("{ $.latency <= 99.5 }", events)).containsExactly(events[1]);
        assertThat(matching("{ $.latency = 150 }", events)).containsExactly(events[0]);
        assertThat(matching("{ $.latency != 150 }", events)).containsExactly(events[1], events[2], events[4]);
        assertThat(matching("{ $.latency < 10e3 }", events)).containsExactly(events[0], events[1], events[2], events[4]);
        assertThat(matching("{ $.latency > +1000 }", events)).isEmpty();
        assertThat(matching("{ $.level = \"ERROR\" }", events)).containsExactly(events[0], events[2]);
    }

    @Test
    void jsonConditionsCombineWithAndBindingTighterThanOr() {
        String json = "{\"user\": {\"id\": 1, \"email\": \"John.Stiles@example.com\"}, \"users\": [{\"id\": 2, "
                + "\"email\": \"John.Doe@example.com\"}, {\"id\": 3, \"email\": \"Jane.Doe@example.com\"}], "
                + "\"actions\": [\"GET\", \"PUT\", \"DELETE\"], \"coordinates\": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]}";
        assertThat(matching("{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }", json)).hasSize(1);
        assertThat(matching("{ ($.user.id = 2 && $.users[0].email = \"nonmatch\") || $.actions[2] = \"GET\" }", json)).isEmpty();
        assertThat(matching("{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch && "
                + "$.actions[2] = nomatch }", json)).hasSize(1);
        assertThat(matching("{ ($.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch) && "
                + "$.actions[2] = nomatch }", json)).isEmpty();
        assertThat(matching("{ $.coordinates[1][2] = 6 }", json)).hasSize(1);
    }

    @Test
    void jsonPatternsIgnoreEventsThatAreNotJsonObjects() {
        assertThat(matching("{ $.a = 1 }", "a = 1", "[1,2]", "{broken", "{\"a\":1}")).containsExactly("{\"a\":1}");
        assertThat(matching("{ $.latency = * }", "{\"latency\": 3}", "{\"other\": 3}")).containsExactly("{\"latency\": 3}");
    }

    @Test
    void jsonRegexValues() {
        assertThat(matching("{ $.message = %bind: address already in us[e]% }",
                "{\"message\":\"listen: bind: address already in use\"}", "{\"message\":\"ok\"}")).hasSize(1);
    }

    @Test
    void spaceDelimitedFieldsWithConditions() {
        String[] access = {
            "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534",
            "127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] \"GET /apache_pb.gif HTTP/1.0\" 500 5324",
            "127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] \"GET /index.html HTTP/1.0\" 404 4355"};
        assertThat(matching("[ip, user, username, timestamp, request, status_code, bytes]", access)).hasSize(3);
        assertThat(matching("[ip, user, username, timestamp, request, status_code, bytes > 5000]", access))
                .containsExactly(access[1]);
        assertThat(matching("[ip, user, username, timestamp, request, status_code = 4*, bytes]", access))
                .containsExactly(access[2]);
        assertThat(matching("[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]", access))
                .containsExactly(access[2]);
        assertThat(matching("[..., status_code, bytes]", access)).hasSize(3);
        assertThat(matching("[ip, user, ...]", access)).hasSize(3);
        assertThat(matching("[ip, user, ..., status_code = 500, bytes]", access)).containsExactly(access[1]);
        assertThat(matching("[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000, bytes]", access))
                .containsExactly(access[2]);
        assertThat(matching("[ip, user, username, timestamp, request, status_code = 5* || status_code = 4*, bytes]", access))
                .containsExactly(access[1], access[2]);
        assertThat(matching("[ip, user]", access)).isEmpty();
        assertThat(matching("[..., request=*.html*, status_code=4*,]", access)).containsExactly(access[2]);
    }

    @Test
    void standaloneRegex() {
        assertThat(matching("%ERR[0-9]+%", "code ERR42 here", "ERR none")).containsExactly("code ERR42 here");
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String bad : List.of("\"unterminated", "{ $.a = 1", "{ a = 1 }", "{ $.a }", "{ $.a = }", "{ ($.a = 1 }",
                "{ $.a > \"text\" }", "[a, b", "[a = ]", "%(group)%", "{ $.a IS MAYBE }", "?")) {
            assertThatThrownBy(() -> FilterPattern.parse(bad)).as(bad).isInstanceOf(FilterPatternException.class);
        }
    }
}
