package berth.logs.core.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the condition between the braces of a JSON filter pattern: {@code ||} over {@code &&} over terms. */
final class JsonConditionParser {
    private final String text;
    private int at;

    private JsonConditionParser(String text) {
        this.text = text;
    }

    static JsonCondition parse(String text) {
        JsonConditionParser parser = new JsonConditionParser(text);
        JsonCondition condition = parser.or();
        parser.skipSpace();
        if (parser.at < text.length()) throw parser.error("unexpected '" + text.substring(parser.at) + "'");
        return condition;
    }

    private JsonCondition or() {
        List<JsonCondition> parts = new ArrayList<>();
        parts.add(and());
        while (consume("||")) parts.add(and());
        return parts.size() == 1 ? parts.get(0) : new JsonCondition.Any(parts);
    }

    private JsonCondition and() {
        List<JsonCondition> parts = new ArrayList<>();
        parts.add(term());
        while (consume("&&")) parts.add(term());
        return parts.size() == 1 ? parts.get(0) : new JsonCondition.All(parts);
    }

    private JsonCondition term() {
        skipSpace();
        if (consume("(")) {
            JsonCondition inner = or();
            if (!consume(")")) throw error("missing ')'");
            return inner;
        }
        JsonCondition.Selector selector = selector();
        skipSpace();
        Operator op = at < text.length() ? Operator.at(text, at) : null;
        if (op != null) {
            at += op.symbol().length();
            Literal literal = literal();
            if (literal instanceof Literal.Text && op != Operator.EQ && op != Operator.NE) {
                throw error("strings can only be compared with = or !=");
            }
            return new JsonCondition.Comparison(selector, op, literal);
        }
        String word = word();
        switch (word) {
            case "IS" -> {
                String what = word();
                return new JsonCondition.Test(selector, switch (what) {
                    case "NULL" -> JsonCondition.Test.Kind.IS_NULL;
                    case "TRUE" -> JsonCondition.Test.Kind.IS_TRUE;
                    case "FALSE" -> JsonCondition.Test.Kind.IS_FALSE;
                    default -> throw error("expected NULL, TRUE or FALSE after IS, found '" + what + "'");
                });
            }
            case "EXISTS" -> {
                return new JsonCondition.Test(selector, JsonCondition.Test.Kind.EXISTS);
            }
            case "NOT" -> {
                if (!word().equals("EXISTS")) throw error("expected EXISTS after NOT");
                return new JsonCondition.Test(selector, JsonCondition.Test.Kind.NOT_EXISTS);
            }
            default -> throw error("expected an operator after " + selector.text());
        }
    }

    private JsonCondition.Selector selector() {
        skipSpace();
        int start = at;
        if (at >= text.length() || text.charAt(at) != '$') throw error("a condition must start with a selector such as $.field");
        at++;
        List<Object> steps = new ArrayList<>();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.') {
                at++;
                int nameStart = at;
                while (at < text.length() && isNameChar(text.charAt(at))) at++;
                if (at == nameStart) throw error("a field name must follow '.' in " + text.substring(start, at));
                steps.add(text.substring(nameStart, at));
            } else if (c == '[') {
                int close = text.indexOf(']', at);
                if (close < 0) throw error("missing ']' in selector");
                try {
                    steps.add(Integer.parseInt(text.substring(at + 1, close).strip()));
                } catch (NumberFormatException e) {
                    throw error("an array index must be a number: " + text.substring(at, close + 1));
                }
                at = close + 1;
            } else {
                break;
            }
        }
        if (steps.isEmpty()) throw error("a selector must name a field: " + text.substring(start, at));
        return new JsonCondition.Selector(text.substring(start, at), steps);
    }

    private Literal literal() {
        skipSpace();
        if (at >= text.length()) throw error("a value must follow the operator");
        char c = text.charAt(at);
        if (c == '"') {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char q = text.charAt(at++);
                if (q == '\\' && at < text.length()) {
                    value.append(text.charAt(at++));
                } else if (q == '"') {
                    return new Literal.Text(value.toString());
                } else {
                    value.append(q);
                }
            }
            throw error("unterminated quoted value");
        }
        if (c == '%') {
            int close = text.indexOf('%', at + 1);
            if (close < 0) throw error("unterminated regular expression");
            String body = text.substring(at + 1, close);
            at = close + 1;
            return new Literal.Regex(RegexPattern.compile(body));
        }
        int start = at;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != ')'
                && !text.startsWith("&&", at) && !text.startsWith("||", at)) {
            at++;
        }
        return Literal.bare(text.substring(start, at));
    }

    private String word() {
        skipSpace();
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) at++;
        return text.substring(start, at).toUpperCase(Locale.ROOT);
    }

    private boolean consume(String symbol) {
        skipSpace();
        if (text.startsWith(symbol, at)) {
            at += symbol.length();
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == '$';
    }

    private FilterPatternException error(String detail) {
        return new FilterPatternException("Invalid filter pattern: " + detail);
    }
}
