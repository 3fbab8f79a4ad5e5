package berth.elb.core;

import java.util.Locale;

/**
 * A rule condition value with wildcards: {@code *} matches any run of characters (also none),
 * {@code ?} exactly one. With {@code escapes}, {@code \*} and {@code \?} stand for themselves (the
 * query-string condition allows this).
 */
public final class WildcardPattern {
    private static final char ANY_RUN = '\uE000';
    private static final char ANY_ONE = '\uE001';

    private final char[] pattern;
    private final boolean ignoreCase;
    private final boolean literal;
    private final String text;

    private WildcardPattern(String text, char[] pattern, boolean ignoreCase) {
        this.text = text;
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        boolean plain = true;
        for (char c : pattern) {
            if (c == ANY_RUN || c == ANY_ONE) plain = false;
        }
        this.literal = plain;
    }

    public static WildcardPattern compile(String text, boolean ignoreCase, boolean escapes) {
        StringBuilder compiled = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escapes && c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '*' || text.charAt(i + 1) == '?')) {
                compiled.append(text.charAt(++i));
            } else if (c == '*') {
                compiled.append(ANY_RUN);
            } else if (c == '?') {
                compiled.append(ANY_ONE);
            } else {
                compiled.append(ignoreCase ? Character.toLowerCase(c) : c);
            }
        }
        return new WildcardPattern(text, compiled.toString().toCharArray(), ignoreCase);
    }

    public boolean matches(String input) {
        String s = ignoreCase ? input.toLowerCase(Locale.ROOT) : input;
        if (literal) return s.length() == pattern.length && s.contentEquals(new String(pattern));
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = 0;
        while (i < s.length()) {
            if (p < pattern.length && (pattern[p] == ANY_ONE || (pattern[p] != ANY_RUN && pattern[p] == s.charAt(i)))) {
                p++;
                i++;
            } else if (p < pattern.length && pattern[p] == ANY_RUN) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_RUN) p++;
        return p == pattern.length;
    }

    @Override
    public String toString() {
        return text + (ignoreCase ? " (any case)" : "");
    }
}
