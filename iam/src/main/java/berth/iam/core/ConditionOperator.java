package berth.iam.core;

import java.util.Locale;
import java.util.Optional;

/**
 * A condition operator as written in a policy: an optional set qualifier ({@code ForAnyValue:},
 * {@code ForAllValues:}), the base test, and an optional {@code IfExists} suffix.
 *
 * @param text the operator exactly as the policy spelled it
 */
public record ConditionOperator(Qualifier qualifier, Test test, boolean ifExists, String text) {

    /** How a test applies to a context key with several values. */
    public enum Qualifier { SINGLE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    /** Families of values a test compares. */
    public enum Family { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    /** How a policy value and a context value compare for the test to hold. */
    public enum Comparison { EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL }

    /**
     * The base tests. A negated test ({@code StringNotEquals}) holds when its positive form does not;
     * with the key absent from the request a negated test holds and a positive one does not.
     */
    public enum Test {
        STRING_EQUALS("StringEquals", Family.STRING, false, Comparison.EQUAL),
        STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true, Comparison.EQUAL),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false, Comparison.EQUAL),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true, Comparison.EQUAL),
        STRING_LIKE("StringLike", Family.STRING_LIKE, false, Comparison.EQUAL),
        STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true, Comparison.EQUAL),
        NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false, Comparison.EQUAL),
        NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true, Comparison.EQUAL),
        NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false, Comparison.LESS),
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false, Comparison.LESS_OR_EQUAL),
        NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false, Comparison.GREATER),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false, Comparison.GREATER_OR_EQUAL),
        DATE_EQUALS("DateEquals", Family.DATE, false, Comparison.EQUAL),
        DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true, Comparison.EQUAL),
        DATE_LESS_THAN("DateLessThan", Family.DATE, false, Comparison.LESS),
        DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false, Comparison.LESS_OR_EQUAL),
        DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false, Comparison.GREATER),
        DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false, Comparison.GREATER_OR_EQUAL),
        BOOL("Bool", Family.BOOL, false, Comparison.EQUAL),
        BINARY_EQUALS("BinaryEquals", Family.BINARY, false, Comparison.EQUAL),
        IP_ADDRESS("IpAddress", Family.IP, false, Comparison.EQUAL),
        NOT_IP_ADDRESS("NotIpAddress", Family.IP, true, Comparison.EQUAL),
        ARN_EQUALS("ArnEquals", Family.ARN, false, Comparison.EQUAL),
        ARN_LIKE("ArnLike", Family.ARN, false, Comparison.EQUAL),
        ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true, Comparison.EQUAL),
        ARN_NOT_LIKE("ArnNotLike", Family.ARN, true, Comparison.EQUAL),
        NULL("Null", Family.NULL, false, Comparison.EQUAL);

        private final String spelling;
        private final Family family;
        private final boolean negated;
        private final Comparison comparison;

        Test(String spelling, Family family, boolean negated, Comparison comparison) {
            this.spelling = spelling;
            this.family = family;
            this.negated = negated;
            this.comparison = comparison;
        }

        public String spelling() { return spelling; }
        public Family family() { return family; }
        public boolean negated() { return negated; }
        public Comparison comparison() { return comparison; }
    }

    private static final String FOR_ANY = "foranyvalue:";
    private static final String FOR_ALL = "forallvalues:";
    private static final String IF_EXISTS = "ifexists";

    /** The operator a policy names; empty when IAM has no such operator. Matched case-insensitively, as IAM does. */
    public static Optional<ConditionOperator> parse(String text) {
        String rest = text.toLowerCase(Locale.ROOT);
        Qualifier qualifier = Qualifier.SINGLE;
        if (rest.startsWith(FOR_ANY)) {
            qualifier = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring(FOR_ANY.length());
        } else if (rest.startsWith(FOR_ALL)) {
            qualifier = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring(FOR_ALL.length());
        }
        boolean ifExists = false;
        if (rest.endsWith(IF_EXISTS)) {
            ifExists = true;
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        for (Test test : Test.values()) {
            if (test.spelling.toLowerCase(Locale.ROOT).equals(rest)) {
                if (test == Test.NULL && (ifExists || qualifier != Qualifier.SINGLE)) {
                    return Optional.empty();
                }
                return Optional.of(new ConditionOperator(qualifier, test, ifExists, text));
            }
        }
        return Optional.empty();
    }
}
