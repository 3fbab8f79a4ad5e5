package berth.logs.core.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Terms matched anywhere in unstructured events, case-sensitively: every plain term must appear, no
 * {@code -term} may appear, and when {@code ?term}s are given at least one of them must appear.
 * A term is a word or a {@code "quoted phrase"}; a lone {@code -} or {@code ?} applies to the next term.
 */
public record TermPattern(List<String> required, List<String> excluded, List<String> anyOf) implements FilterPattern {

    public TermPattern {
        required = List.copyOf(required);
        excluded = List.copyOf(excluded);
        anyOf = List.copyOf(anyOf);
    }

    static TermPattern parse(String pattern) {
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        int i = 0;
        int n = pattern.length();
        char pendingPrefix = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char prefix = pendingPrefix;
            pendingPrefix = 0;
            if ((c == '-' || c == '?') && prefix == 0) {
                prefix = c;
                i++;
                if (i >= n || Character.isWhitespace(pattern.charAt(i))) {
                    if (i >= n) throw new FilterPatternException("Invalid filter pattern: '" + c + "' is not followed by a term");
                    pendingPrefix = c;
                    continue;
                }
                c = pattern.charAt(i);
            }
            String term;
            if (c == '"') {
                StringBuilder phrase = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = pattern.charAt(i++);
                    if (q == '\\' && i < n) {
                        phrase.append(pattern.charAt(i++));
                    } else if (q == '"') {
                        closed = true;
                        break;
                    } else {
                        phrase.append(q);
                    }
                }
                if (!closed) throw new FilterPatternException("Invalid filter pattern: unterminated quoted term");
                term = phrase.toString();
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(pattern.charAt(i))) i++;
                term = pattern.substring(start, i);
            }
            if (term.isEmpty() && prefix == 0) continue;
            switch (prefix) {
                case '-' -> excluded.add(term);
                case '?' -> anyOf.add(term);
                default -> required.add(term);
            }
        }
        return new TermPattern(required, excluded, anyOf);
    }

    @Override
    public boolean matches(String message) {
        for (String term : required) {
            if (!message.contains(term)) return false;
        }
        for (String term : excluded) {
            if (message.contains(term)) return false;
        }
        if (anyOf.isEmpty()) return true;
        for (String term : anyOf) {
            if (message.contains(term)) return true;
        }
        return false;
    }
}
