package berth.iam.core;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one; everything else literally. Linear in practice (greedy with one backtrack point), so policies
 * cannot make evaluation slow.
 */
public final class Wildcards {
    private Wildcards() {}

    public static boolean matches(String pattern, String text) {
        return matches(pattern, text, false);
    }

    public static boolean matchesIgnoreCase(String pattern, String text) {
        return matches(pattern, text, true);
    }

    private static boolean matches(String pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    /**
     * Matches an ARN against an ARN pattern component by component (partition, service, region,
     * account, resource): a wildcard in one of the first five components does not reach into the
     * next. {@code *} alone matches every resource. A pattern or value that is not an ARN is
     * matched as plain text.
     */
    public static boolean matchesArn(String pattern, String arn) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] patternParts = pattern.split(":", 6);
        String[] arnParts = arn.split(":", 6);
        if (patternParts.length != 6 || arnParts.length != 6) {
            return matches(pattern, arn);
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(patternParts[i], arnParts[i])) {
                return false;
            }
        }
        return true;
    }
}
