package berth.ecs.core.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive descent over the text of a cluster query:
 *
 * <pre>
 * expression := and (("or" | "||") and)*
 * and        := unary (("and" | "&amp;&amp;") unary)*
 * unary      := ("not" | "!") unary | "(" expression ")" | comparison
 * comparison := subject operator [value | "[" value ("," value)* "]"]
 * </pre>
 *
 * Keywords and word operators are case-insensitive. Values are bare words or quoted with ' or ".
 * A pattern (after {@code =~} or {@code !~}) runs to the next whitespace or closing parenthesis,
 * since a single expression cannot contain parentheses.
 */
final class QueryParser {
    static final int MAX_LENGTH = 2000;

    private final String text;
    private int pos;

    private QueryParser(String text) {
        this.text = text;
    }

    static QueryNode parse(String text) {
        QueryParser parser = new QueryParser(text);
        if (text.length() > MAX_LENGTH) {
            throw parser.fail(MAX_LENGTH, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        parser.skipSpace();
        if (parser.atEnd()) {
            throw parser.fail(0, "the expression is empty");
        }
        QueryNode node = parser.expression();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.fail(parser.pos, "unexpected '" + parser.rest() + "', expected 'and', 'or' or the end");
        }
        return node;
    }

    private QueryNode expression() {
        QueryNode left = conjunction();
        while (true) {
            skipSpace();
            if (symbol("||") || keyword("or")) {
                left = new QueryNode.Or(left, conjunction());
            } else {
                return left;
            }
        }
    }

    private QueryNode conjunction() {
        QueryNode left = unary();
        while (true) {
            skipSpace();
            if (symbol("&&") || keyword("and")) {
                left = new QueryNode.And(left, unary());
            } else {
                return left;
            }
        }
    }

    private QueryNode unary() {
        skipSpace();
        if (atEnd()) {
            throw fail(pos, "expected an expression");
        }
        if (keyword("not") || (peek() == '!' && symbol("!"))) {
            return new QueryNode.Not(unary());
        }
        if (symbol("(")) {
            QueryNode inner = expression();
            skipSpace();
            if (!symbol(")")) {
                throw fail(pos, atEnd() ? "missing ')'" : "expected ')' but found '" + rest() + "'");
            }
            return inner;
        }
        return comparison();
    }

    private QueryNode comparison() {
        int subjectAt = pos;
        String word = word();
        if (word.isEmpty()) {
            throw fail(pos, "expected a subject (attribute:NAME, agentConnected, agentVersion, ec2InstanceId, "
                    + "registeredAt, runningTasksCount or task:group) but found '" + rest() + "'");
        }
        QuerySubject subject = QuerySubject.of(word)
                .orElseThrow(() -> fail(subjectAt, "unknown subject '" + word + "'"));
        String attributeName = subject == QuerySubject.ATTRIBUTE ? word.substring("attribute:".length()) : "";
        if (subject == QuerySubject.ATTRIBUTE && attributeName.isEmpty()) {
            throw fail(subjectAt, "attribute: needs an attribute name");
        }
        skipSpace();
        int operatorAt = pos;
        QueryOperator operator = operator()
                .orElseThrow(() -> fail(operatorAt, "expected an operator after '" + word + "'"
                        + (atEnd() ? "" : " but found '" + rest() + "'")));
        if (!subject.operators.contains(operator)) {
            throw fail(operatorAt, "operator '" + operator.display() + "' is not valid for " + word);
        }
        skipSpace();
        int argumentAt = pos;
        List<String> values;
        if (operator.takesNoArgument()) {
            values = List.of();
        } else if (operator.takesList()) {
            values = list(operator);
        } else if (operator.takesPattern()) {
            values = List.of(pattern(operator));
        } else {
            values = List.of(value(operator));
        }
        try {
            return Comparison.compile(subject, attributeName, operator, values);
        } catch (IllegalArgumentException e) {
            throw fail(argumentAt, e.getMessage());
        }
    }

    private Optional<QueryOperator> operator() {
        for (QueryOperator operator : QueryOperator.BY_SYMBOL) {
            String symbol = operator.symbol;
            if (text.startsWith(symbol, pos)) {
                boolean wordLike = Character.isLetter(symbol.charAt(symbol.length() - 1));
                if (!wordLike || boundaryAt(pos + symbol.length())) {
                    pos += symbol.length();
                    return Optional.of(operator);
                }
            }
        }
        int start = pos;
        String word = word();
        Optional<QueryOperator> operator = QueryOperator.ofWord(word);
        if (operator.isEmpty()) {
            pos = start;
        }
        return operator;
    }

    private String value(QueryOperator operator) {
        String value = quotedOrWord();
        if (value.isEmpty()) {
            throw fail(pos, "expected a value after '" + operator.display() + "'"
                    + (atEnd() ? "" : " but found '" + rest() + "'"));
        }
        return value;
    }

    private List<String> list(QueryOperator operator) {
        if (!symbol("[")) {
            throw fail(pos, "'" + operator.display() + "' expects a list such as [a, b]");
        }
        List<String> values = new ArrayList<>();
        while (true) {
            skipSpace();
            if (values.isEmpty() && peek() == ']') {
                throw fail(pos, "the list is empty");
            }
            String value = quotedOrWord();
            if (value.isEmpty()) {
                throw fail(pos, atEnd() ? "missing ']'" : "expected a list value but found '" + rest() + "'");
            }
            values.add(value);
            skipSpace();
            if (symbol(",")) {
                continue;
            }
            if (symbol("]")) {
                return values;
            }
            throw fail(pos, atEnd() ? "missing ']'" : "expected ',' or ']' but found '" + rest() + "'");
        }
    }

    private String pattern(QueryOperator operator) {
        if (!atEnd() && (peek() == '\'' || peek() == '"')) {
            return value(operator);
        }
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && peek() != ')') {
            pos++;
        }
        if (start == pos) {
            throw fail(pos, "expected a pattern after '" + operator.display() + "'");
        }
        return text.substring(start, pos);
    }

    private String quotedOrWord() {
        if (atEnd()) {
            return "";
        }
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            return word();
        }
        int start = pos;
        int close = text.indexOf(quote, pos + 1);
        if (close < 0) {
            throw fail(start, "unterminated quoted value");
        }
        pos = close + 1;
        String value = text.substring(start + 1, close);
        if (value.isEmpty()) {
            throw fail(start, "empty quoted value");
        }
        return value;
    }

    private String word() {
        int start = pos;
        while (!atEnd() && wordChar(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean keyword(String keyword) {
        if (text.regionMatches(true, pos, keyword, 0, keyword.length()) && boundaryAt(pos + keyword.length())) {
            pos += keyword.length();
            return true;
        }
        return false;
    }

    private boolean symbol(String symbol) {
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        return false;
    }

    private boolean boundaryAt(int at) {
        return at >= text.length() || !wordChar(text.charAt(at));
    }

    private static boolean wordChar(char c) {
        return !Character.isWhitespace(c) && "()[],'\"=!<>&|~".indexOf(c) < 0;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private String rest() {
        String rest = text.substring(pos);
        return rest.length() > 20 ? rest.substring(0, 20) + "..." : rest;
    }

    private ClusterQuerySyntaxException fail(int at, String problem) {
        return new ClusterQuerySyntaxException(text, at, problem);
    }
}
