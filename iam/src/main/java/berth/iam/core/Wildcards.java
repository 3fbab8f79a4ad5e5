package berth.iam.core;

import berth.aws.text.Wildcard;

/**
 * IAM's wildcard matching ({@link Wildcard.Syntax#IAM}: {@code *} and {@code ?}), and the matching of
 * ARN patterns component by component.
 */
public final class Wildcards {
    private Wildcards() {}

    public static boolean matches(String pattern, String text) {
        return Wildcard.matches(pattern, text, Wildcard.Syntax.IAM);
    }

    public static boolean matchesIgnoreCase(String pattern, String text) {
        return Wildcard.matches(pattern, text, Wildcard.Syntax.IAM.withIgnoreCase(true));
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
