package berth.aws.text;

import java.util.Locale;

/**
 * The wildcard patterns AWS services match names with: {@code *} matches any run of characters (also
 * none); with {@link Syntax#anyOne()} {@code ?} matches exactly one; with {@link Syntax#escapes()}
 * {@code \*} and {@code \?} stand for themselves; with {@link Syntax#ignoreCase()} letters match in
 * either case. Linear in practice (greedy, one backtrack point), so no pattern makes matching slow.
 * IAM policies use {@link Syntax#IAM}, ECR's tag and repository filters {@link Syntax#STAR_ONLY},
 * ELB's rule conditions {@code IAM} with their own case and escape rules.
 */
public final class Wildcard {

    /** Which wildcard characters a service knows, and how it compares letters. */
    public record Syntax(boolean anyOne, boolean escapes, boolean ignoreCase) {
        public static final Syntax IAM = new Syntax(true, false, false);
        public static final Syntax STAR_ONLY = new Syntax(false, false, false);

        public Syntax withIgnoreCase(boolean ignore) {
            return new Syntax(anyOne, escapes, ignore);
        }

        public Syntax withEscapes(boolean escaped) {
            return new Syntax(anyOne, escaped, ignoreCase);
        }
    }

    private static final char ANY_RUN = '\uE000';
    private static final char ANY_ONE = '\uE001';

    private final String text;
    private final char[] pattern;
    private final boolean ignoreCase;
    private final boolean literal;

    private Wildcard(String text, char[] pattern, boolean ignoreCase) {
        this.text = text;
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        boolean plain = true;
        for (char c : pattern) {
            plain &= c != ANY_RUN && c != ANY_ONE;
        }
        this.literal = plain;
    }

    public static Wildcard compile(String text, Syntax syntax) {
        StringBuilder compiled = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (syntax.escapes() && c == '\\' && i + 1 < text.length()
                    && (text.charAt(i + 1) == '*' || text.charAt(i + 1) == '?')) {
                compiled.append(fold(text.charAt(++i), syntax.ignoreCase()));
            } else if (c == '*') {
                compiled.append(ANY_RUN);
            } else if (c == '?' && syntax.anyOne()) {
                compiled.append(ANY_ONE);
            } else {
                compiled.append(fold(c, syntax.ignoreCase()));
            }
        }
        return new Wildcard(text, compiled.toString().toCharArray(), syntax.ignoreCase());
    }

    /** One match without keeping the compiled pattern. */
    public static boolean matches(String pattern, String text, Syntax syntax) {
        return compile(pattern, syntax).matches(text);
    }

    public boolean matches(String input) {
        String s = ignoreCase ? input.toLowerCase(Locale.ROOT) : input;
        if (literal) {
            return s.length() == pattern.length && s.contentEquals(new String(pattern));
        }
        int p = 0;
        int i = 0;
        int star = -1;
        int resume = 0;
        while (i < s.length()) {
            if (p < pattern.length && (pattern[p] == ANY_ONE || (pattern[p] != ANY_RUN && pattern[p] == s.charAt(i)))) {
                p++;
                i++;
            } else if (p < pattern.length && pattern[p] == ANY_RUN) {
                star = p++;
                resume = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_RUN) {
            p++;
        }
        return p == pattern.length;
    }

    private static char fold(char c, boolean ignoreCase) {
        return ignoreCase ? Character.toLowerCase(c) : c;
    }

    @Override
    public String toString() {
        return text + (ignoreCase ? " (any case)" : "");
    }
}
