package berth.elb.core;

import berth.aws.text.Wildcard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Compiles rule conditions into predicates over a request, with ALB's semantics: path patterns are
 * case-sensitive, host headers, header values and query strings are not, methods are exact; all
 * conditions of a rule must match, any value of a condition may.
 */
public final class RuleMatcher {
    /** Query-string conditions: any case, and {@code \\*} / {@code \\?} for the characters themselves. */
    private static final Wildcard.Syntax QUERY_STRING = Wildcard.Syntax.IAM.withIgnoreCase(true).withEscapes(true);

    private RuleMatcher() {}

    public static Predicate<RequestFacts> compile(List<Condition> conditions) {
        List<Predicate<RequestFacts>> all = new ArrayList<>();
        for (Condition condition : conditions) {
            all.add(compile(condition));
        }
        return facts -> {
            for (Predicate<RequestFacts> p : all) {
                if (!p.test(facts)) return false;
            }
            return true;
        };
    }

    static Predicate<RequestFacts> compile(Condition condition) {
        return switch (condition) {
            case Condition.PathPattern c -> {
                List<Wildcard> patterns = patterns(c.values(), false);
                yield facts -> anyMatches(patterns, facts.path());
            }
            case Condition.HostHeader c -> {
                List<Wildcard> patterns = patterns(c.values(), true);
                yield facts -> anyMatches(patterns, facts.host());
            }
            case Condition.HttpHeader c -> {
                List<Wildcard> patterns = patterns(c.values(), true);
                String name = c.name();
                yield facts -> {
                    for (String value : facts.headerValues(name)) {
                        if (anyMatches(patterns, value)) return true;
                    }
                    return false;
                };
            }
            case Condition.HttpRequestMethod c -> {
                List<String> methods = c.values();
                yield facts -> methods.contains(facts.method());
            }
            case Condition.QueryString c -> {
                List<Wildcard[]> pairs = new ArrayList<>();
                for (Condition.KeyValue kv : c.values()) {
                    pairs.add(new Wildcard[] {
                            kv.key().isEmpty() ? null : Wildcard.compile(kv.key(), QUERY_STRING),
                            Wildcard.compile(kv.value(), QUERY_STRING)});
                }
                yield facts -> {
                    List<String[]> params = queryParameters(facts.rawQuery());
                    for (Wildcard[] pair : pairs) {
                        for (String[] param : params) {
                            if ((pair[0] == null || pair[0].matches(param[0])) && pair[1].matches(param[1])) return true;
                        }
                    }
                    return false;
                };
            }
            case Condition.SourceIp c -> {
                List<CidrBlock> blocks = c.values().stream().map(v -> CidrBlock.parse(v).orElseThrow()).toList();
                yield facts -> {
                    byte[] address = facts.sourceAddress();
                    for (CidrBlock block : blocks) {
                        if (block.contains(address)) return true;
                    }
                    return false;
                };
            }
        };
    }

    /** The decoded {@code key=value} pairs of a query string; a parameter without {@code =} has an empty value. */
    public static List<String[]> queryParameters(String rawQuery) {
        List<String[]> params = new ArrayList<>();
        if (rawQuery.isEmpty()) return params;
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            params.add(new String[] {decode(key), decode(value)});
        }
        return params;
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0) return text;
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static List<Wildcard> patterns(List<String> values, boolean ignoreCase) {
        return values.stream().map(v -> Wildcard.compile(v, Wildcard.Syntax.IAM.withIgnoreCase(ignoreCase))).toList();
    }

    private static boolean anyMatches(List<Wildcard> patterns, String input) {
        for (Wildcard p : patterns) {
            if (p.matches(input)) return true;
        }
        return false;
    }
}
