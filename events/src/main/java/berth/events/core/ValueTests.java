package berth.events.core;

import berth.events.core.EventPattern.InvalidEventPattern;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The value tests of the pattern language, compiled from one entry of a field's array, refusing
 * what AWS refuses with AWS's reason. {@code exists} is the field's business ({@link EventPattern}).
 */
final class ValueTests {

    private ValueTests() {}

    static ValueTest of(JsonNode matcher, String path) {
        if (matcher.isTextual()) return text(matcher.textValue());
        if (matcher.isNumber()) {
            BigDecimal wanted = Anchor.decimal(matcher);
            double infinite = matcher.doubleValue();
            return ValueTest.of(wanted == null
                            ? value -> value.isNumber() && Anchor.decimal(value) == null && value.doubleValue() == infinite
                            : value -> sameNumber(value, wanted),
                    List.of(new Anchor.Scalar(Anchor.scalarKey(matcher))));
        }
        if (matcher.isBoolean()) {
            boolean wanted = matcher.booleanValue();
            return ValueTest.of(value -> value.isBoolean() && value.booleanValue() == wanted,
                    List.of(new Anchor.Scalar(Anchor.scalarKey(matcher))));
        }
        if (matcher.isNull()) return ValueTest.of(JsonNode::isNull, List.of(new Anchor.Scalar(Anchor.scalarKey(matcher))));
        if (!matcher.isObject()) {
            throw new InvalidEventPattern("Match value must be String, number, true, false, or null at " + path);
        }
        if (matcher.isEmpty()) throw new InvalidEventPattern("Match expression name not found at " + path);
        if (matcher.size() != 1) throw new InvalidEventPattern("Only one key allowed in match expression at " + path);
        String operator = matcher.fieldNames().next();
        JsonNode operand = matcher.get(operator);
        return switch (operator) {
            case "prefix" -> affix(operand, path, true);
            case "suffix" -> affix(operand, path, false);
            case "equals-ignore-case" -> {
                String wanted = text(operand, path, "equals-ignore-case");
                yield value -> value.isTextual() && value.textValue().equalsIgnoreCase(wanted);
            }
            case "wildcard" -> wildcard(text(operand, path, "wildcard"), path);
            case "numeric" -> NumericRange.parse(operand, path);
            case "cidr" -> cidr(text(operand, path, "cidr"), path);
            case "anything-but" -> anythingBut(operand, path);
            default -> throw new InvalidEventPattern("Unrecognized match type " + operator + " at " + path);
        };
    }

    static ValueTest text(String wanted) {
        return new ValueTest.Text(wanted);
    }

    static boolean sameNumber(JsonNode value, BigDecimal wanted) {
        if (!value.isNumber()) return false;
        BigDecimal number = Anchor.decimal(value);
        return number != null && number.compareTo(wanted) == 0;
    }

    static String text(JsonNode operand, String path, String operator) {
        if (!operand.isTextual()) {
            throw new InvalidEventPattern(operator + " match pattern must be a string at " + path);
        }
        return operand.textValue();
    }

    private static ValueTest affix(JsonNode operand, String path, boolean prefix) {
        String operator = prefix ? "prefix" : "suffix";
        if (operand.isObject()) {
            String inner = operand.isEmpty() ? "" : operand.fieldNames().next();
            if (operand.size() != 1 || !inner.equals("equals-ignore-case")) {
                throw new InvalidEventPattern("Unsupported " + operator + " pattern: " + inner + " at " + path);
            }
            String lowered = text(operand.get(inner), path, "equals-ignore-case").toLowerCase(Locale.ROOT);
            Anchor anchor = prefix ? new Anchor.Prefix(lowered, true) : new Anchor.Suffix(lowered, true);
            return ValueTest.of(value -> {
                if (!value.isTextual()) return false;
                String text = value.textValue().toLowerCase(Locale.ROOT);
                return prefix ? text.startsWith(lowered) : text.endsWith(lowered);
            }, List.of(anchor));
        }
        return new ValueTest.Affix(text(operand, path, operator), prefix);
    }

    private static ValueTest wildcard(String pattern, String path) {
        List<String> pieces = wildcardPieces(pattern, path);
        if (pieces.size() == 1) return text(pieces.get(0));
        List<Anchor> anchors = new ArrayList<>();
        if (!pieces.get(0).isEmpty()) anchors.add(new Anchor.Prefix(pieces.get(0), false));
        if (!pieces.get(pieces.size() - 1).isEmpty()) anchors.add(new Anchor.Suffix(pieces.get(pieces.size() - 1), false));
        return ValueTest.of(value -> value.isTextual() && globMatches(pieces, value.textValue()), List.copyOf(anchors));
    }

    /**
     * The literal runs between a wildcard's stars; {@code \*} is a star and {@code \\} a backslash,
     * any other escape and consecutive stars are refused.
     */
    static List<String> wildcardPieces(String pattern, String path) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean afterStar = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length() || (pattern.charAt(i + 1) != '*' && pattern.charAt(i + 1) != '\\')) {
                    throw new InvalidEventPattern("Invalid escape character at pos " + i + " at " + path);
                }
                piece.append(pattern.charAt(++i));
                afterStar = false;
            } else if (c == '*') {
                if (afterStar) {
                    throw new InvalidEventPattern("Consecutive wildcard characters at pos " + i + " at " + path);
                }
                pieces.add(piece.toString());
                piece.setLength(0);
                afterStar = true;
            } else {
                piece.append(c);
                afterStar = false;
            }
        }
        pieces.add(piece.toString());
        return List.copyOf(pieces);
    }

    /** pieces are the literal runs between stars: first must start, last must end the text. */
    static boolean globMatches(List<String> pieces, String text) {
        if (pieces.size() == 1) return text.equals(pieces.get(0));
        String first = pieces.get(0);
        String last = pieces.get(pieces.size() - 1);
        if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        int at = first.length();
        int end = text.length() - last.length();
        for (int i = 1; i < pieces.size() - 1; i++) {
            int found = text.indexOf(pieces.get(i), at);
            if (found < 0 || found + pieces.get(i).length() > end) return false;
            at = found + pieces.get(i).length();
        }
        return true;
    }

    private static ValueTest cidr(String range, String path) {
        int slash = range.indexOf('/');
        byte[] network = slash < 0 ? null : IpAddress.parse(range.substring(0, slash));
        String length = slash < 0 ? "" : range.substring(slash + 1);
        if (network == null || !length.matches("[0-9]{1,3}") || Integer.parseInt(length) > network.length * 8) {
            throw new InvalidEventPattern("Malformed CIDR, one '/' required at " + path);
        }
        int bits = Integer.parseInt(length);
        return value -> {
            if (!value.isTextual()) return false;
            byte[] candidate = IpAddress.parse(value.textValue());
            return candidate != null && candidate.length == network.length && samePrefix(candidate, network, bits);
        };
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) return false;
        }
        return true;
    }

    /**
     * {@code anything-but} matches every present value but the excluded ones: a string or number,
     * a list of only strings or only numbers, or one of {@code prefix}, {@code suffix},
     * {@code equals-ignore-case} and {@code wildcard} with a string or a list of strings. The
     * string operators exclude strings only, so other values pass them.
     */
    private static ValueTest anythingBut(JsonNode operand, String path) {
        if (operand.isObject()) {
            if (operand.isEmpty()) throw new InvalidEventPattern("Anything-But expression name not found at " + path);
            if (operand.size() != 1) throw new InvalidEventPattern("Too many elements in anything-but expression at " + path);
            String operator = operand.fieldNames().next();
            JsonNode inner = operand.get(operator);
            if (!List.of("prefix", "suffix", "equals-ignore-case", "wildcard").contains(operator)) {
                throw new InvalidEventPattern("Unsupported anything-but pattern: " + operator + " at " + path);
            }
            if (!inner.isArray() && !inner.isTextual() && !inner.isNumber()) {
                throw new InvalidEventPattern("Value of anything-but must be an array or single string/number value at " + path);
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : inner.isArray() ? inner : List.of(inner)) {
                if (!v.isTextual()) {
                    throw new InvalidEventPattern(switch (operator) {
                        case "equals-ignore-case" -> "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported";
                        case "wildcard" -> "wildcard match pattern must be a string";
                        default -> "prefix/suffix match pattern must be a string";
                    } + " at " + path);
                }
                if (v.textValue().isEmpty() && (operator.equals("prefix") || operator.equals("suffix"))) {
                    throw new InvalidEventPattern("Null prefix/suffix not allowed at " + path);
                }
                values.add(v.textValue());
            }
            if (values.isEmpty()) {
                throw new InvalidEventPattern("Value of anything-but must be an array or single string/number value at " + path);
            }
            List<List<String>> globs = new ArrayList<>();
            if (operator.equals("wildcard")) {
                for (String v : values) globs.add(wildcardPieces(v, path));
            }
            return value -> {
                if (!value.isTextual()) return true;
                String text = value.textValue();
                for (int i = 0; i < values.size(); i++) {
                    boolean excluded = switch (operator) {
                        case "prefix" -> text.startsWith(values.get(i));
                        case "suffix" -> text.endsWith(values.get(i));
                        case "equals-ignore-case" -> text.equalsIgnoreCase(values.get(i));
                        default -> globMatches(globs.get(i), text);
                    };
                    if (excluded) return false;
                }
                return true;
            };
        }
        Set<String> strings = new HashSet<>();
        List<BigDecimal> numbers = new ArrayList<>();
        if (!operand.isArray() && !operand.isTextual() && !operand.isNumber()) {
            throw new InvalidEventPattern("Inside anything-but list, start|null|boolean is not supported at " + path);
        }
        for (JsonNode v : operand.isArray() ? operand : List.of(operand)) {
            if (v.isTextual()) {
                strings.add(v.textValue());
            } else if (v.isNumber()) {
                BigDecimal number = Anchor.decimal(v);
                if (number == null || number.abs().compareTo(NumericRange.LIMIT) > 0) {
                    throw new InvalidEventPattern("Value must be between -5.0E9 and 5.0E9, inclusive at " + path);
                }
                numbers.add(number);
            } else {
                throw new InvalidEventPattern("Inside anything but list, start|null|boolean is not supported at " + path);
            }
        }
        if (strings.isEmpty() == numbers.isEmpty()) {
            throw new InvalidEventPattern("Inside anything but list, either all values are number or string, "
                    + "mixed type is not supported at " + path);
        }
        if (strings.size() > 8) return value -> !value.isTextual() || !strings.contains(value.textValue());
        if (!strings.isEmpty()) {
            String[] few = strings.toArray(String[]::new);
            return value -> {
                if (!value.isTextual()) return true;
                String text = value.textValue();
                for (String excluded : few) {
                    if (excluded.equals(text)) return false;
                }
                return true;
            };
        }
        return value -> {
            for (BigDecimal number : numbers) {
                if (sameNumber(value, number)) return false;
            }
            return true;
        };
    }
}
