package berth.iam.core;

import berth.iam.core.ConditionOperator.Family;
import berth.iam.core.ConditionOperator.Qualifier;
import berth.iam.core.PolicyDocument.Condition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a statement's {@code Condition} block against a request's context keys. Operators are
 * ANDed, keys of one operator are ANDed, values of one key are ORed (NORed for negated tests). A key
 * the request lacks fails a positive test and passes a negated one, except under {@code IfExists}
 * (passes), {@code ForAllValues} (passes) and {@code ForAnyValue} (fails).
 */
public final class Conditions {
    private Conditions() {}

    public static boolean allHold(List<Condition> conditions, RequestContextKeys context, boolean expandVariables) {
        for (Condition condition : conditions) {
            if (!holds(condition, context, expandVariables)) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(Condition condition, RequestContextKeys context, boolean expandVariables) {
        ConditionOperator operator = condition.operator();
        List<String> present = context.values(condition.key());
        if (operator.test() == ConditionOperator.Test.NULL) {
            boolean wantAbsent = condition.values().stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            boolean wantPresent = condition.values().stream().anyMatch(v -> v.equalsIgnoreCase("false"));
            return present.isEmpty() ? wantAbsent : wantPresent;
        }
        if (present.isEmpty()) {
            if (operator.ifExists()) {
                return true;
            }
            return switch (operator.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case SINGLE -> operator.test().negated();
            };
        }
        List<String> policyValues = expandVariables ? condition.values().stream()
                .map(v -> PolicyVariables.expand(v, context)).flatMap(Optional::stream).toList() : condition.values();
        boolean negated = operator.test().negated();
        if (operator.qualifier() == Qualifier.SINGLE) {
            boolean anyMatch = present.stream().anyMatch(value -> matchesAny(operator, value, policyValues));
            return negated != anyMatch;
        }
        if (operator.qualifier() == Qualifier.FOR_ANY_VALUE) {
            return present.stream().anyMatch(value -> negated != matchesAny(operator, value, policyValues));
        }
        return present.stream().allMatch(value -> negated != matchesAny(operator, value, policyValues));
    }

    /** Whether the positive form of the test holds between one request value and any policy value. */
    private static boolean matchesAny(ConditionOperator operator, String value, List<String> policyValues) {
        for (String policyValue : policyValues) {
            if (matches(operator, value, policyValue)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ConditionOperator operator, String value, String policyValue) {
        Family family = operator.test().family();
        return switch (family) {
            case STRING, BINARY -> value.equals(policyValue);
            case STRING_IGNORE_CASE -> value.equalsIgnoreCase(policyValue);
            case STRING_LIKE -> Wildcards.matches(policyValue, value);
            case BOOL -> value.equalsIgnoreCase(policyValue);
            case ARN -> value.split(":", 6).length == 6 && Wildcards.matchesArn(policyValue, value);
            case NUMERIC -> compare(number(value), number(policyValue), operator);
            case DATE -> compare(instant(value), instant(policyValue), operator);
            case IP -> IpRanges.contains(policyValue, value);
            case NULL -> false;
        };
    }

    private static <T extends Comparable<T>> boolean compare(Optional<T> value, Optional<T> policyValue,
                                                             ConditionOperator operator) {
        if (value.isEmpty() || policyValue.isEmpty()) {
            return false;
        }
        int order = value.get().compareTo(policyValue.get());
        return switch (operator.test().comparison()) {
            case EQUAL -> order == 0;
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
        };
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A date as IAM accepts it: ISO 8601 (date, date-time with zone or offset) or epoch seconds. */
    static Optional<Instant> instant(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+")) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(trimmed)));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed.toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeParseException ignored) {
            // not a date-time with offset; a plain date may follow
        }
        try {
            return Optional.of(LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
