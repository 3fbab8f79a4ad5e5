package berth.elb.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** AWS's limits on rule conditions: which may repeat, how many values, which characters. */
public final class ConditionRules {
    private static final int MAX_VALUE_LENGTH = 128;
    private static final String PATH_CHARS = "_-.$/~\"'@:+&*?";
    private static final String HOST_CHARS = "-.*?";

    private ConditionRules() {}

    public static void validate(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            throw ElbError.VALIDATION.exception("A rule must have at least one condition");
        }
        Set<String> singles = new HashSet<>();
        int evaluations = 0;
        for (Condition condition : conditions) {
            boolean single = !(condition instanceof Condition.HttpHeader) && !(condition instanceof Condition.QueryString);
            if (single && !singles.add(condition.field())) {
                throw ElbError.VALIDATION.exception("A rule can only have one '" + condition.field() + "' condition");
            }
            if (condition.evaluations() == 0) {
                throw ElbError.VALIDATION.exception("A '" + condition.field() + "' condition must have at least one value");
            }
            evaluations += condition.evaluations();
            check(condition);
        }
        if (evaluations > Rule.MAX_EVALUATIONS) {
            throw ElbError.VALIDATION.exception("A rule can only have '" + Rule.MAX_EVALUATIONS + "' condition values");
        }
    }

    private static void check(Condition condition) {
        switch (condition) {
            case Condition.PathPattern c -> c.values().forEach(v -> chars("path-pattern", v, PATH_CHARS));
            case Condition.HostHeader c -> c.values().forEach(v -> chars("host-header", v, HOST_CHARS));
            case Condition.HttpHeader c -> {
                if (c.name().isEmpty() || c.name().length() > 40 || !c.name().chars().allMatch(ConditionRules::tokenChar)) {
                    throw ElbError.VALIDATION.exception("The HTTP header name '" + c.name() + "' is not valid");
                }
                c.values().forEach(v -> length("http-header", v));
            }
            case Condition.HttpRequestMethod c -> c.values().forEach(v -> {
                if (v.isEmpty() || v.length() > 40 || !v.chars().allMatch(ch -> (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '_')) {
                    throw ElbError.VALIDATION.exception("The HTTP request method '" + v
                            + "' is not valid: use upper-case letters, '-' and '_'");
                }
            });
            case Condition.QueryString c -> c.values().forEach(kv -> {
                length("query-string", kv.key());
                length("query-string", kv.value());
                if (kv.value().isEmpty()) {
                    throw ElbError.VALIDATION.exception("A query-string condition value must not be empty");
                }
            });
            case Condition.SourceIp c -> c.values().forEach(v -> {
                if (CidrBlock.parse(v).isEmpty()) {
                    throw ElbError.VALIDATION.exception("The source IP '" + v + "' is not a valid CIDR block");
                }
            });
        }
    }

    private static void chars(String field, String value, String extra) {
        length(field, value);
        if (value.isEmpty()) throw ElbError.VALIDATION.exception("A '" + field + "' condition value must not be empty");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.indexOf(c) >= 0;
            if (!ok) {
                throw ElbError.VALIDATION.exception("The '" + field + "' value '" + value + "' contains the character '"
                        + c + "', which is not allowed");
            }
        }
    }

    private static void length(String field, String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw ElbError.VALIDATION.exception("A '" + field + "' condition value cannot be longer than "
                    + MAX_VALUE_LENGTH + " characters");
        }
    }

    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
