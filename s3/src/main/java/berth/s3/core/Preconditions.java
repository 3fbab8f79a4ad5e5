package berth.s3.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The conditional headers of a read (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since,
 * or their {@code x-amz-copy-source-} forms) decided against an object's ETag and time, with S3's
 * precedence: a matching If-Match overrides a failed If-Unmodified-Since, and a failed If-None-Match
 * with a passed If-Modified-Since is still 304.
 *
 * @param ifModifiedSince empty when absent or unparseable (S3 ignores bad dates)
 */
public record Preconditions(String ifMatch, String ifNoneMatch, Optional<Instant> ifModifiedSince,
                            Optional<Instant> ifUnmodifiedSince) {

    public enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    public Outcome decide(String etag, Instant lastModified) {
        Instant modified = lastModified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        boolean matchGiven = !ifMatch.isEmpty();
        if (matchGiven && !matches(ifMatch, etag)) return Outcome.PRECONDITION_FAILED;
        if (!matchGiven && ifUnmodifiedSince.isPresent() && modified.isAfter(ifUnmodifiedSince.get())) {
            return Outcome.PRECONDITION_FAILED;
        }
        if (!ifNoneMatch.isEmpty()) {
            if (matches(ifNoneMatch, etag)) return Outcome.NOT_MODIFIED;
            return Outcome.PROCEED;
        }
        if (ifModifiedSince.isPresent() && !modified.isAfter(ifModifiedSince.get())) return Outcome.NOT_MODIFIED;
        return Outcome.PROCEED;
    }

    public boolean any() {
        return !ifMatch.isEmpty() || !ifNoneMatch.isEmpty() || ifModifiedSince.isPresent() || ifUnmodifiedSince.isPresent();
    }

    /** Whether an ETag list ({@code "a", "b"} or {@code *}) names {@code etag}; quotes and W/ are optional. */
    public static boolean matches(String list, String etag) {
        String bare = unquote(etag);
        return Arrays.stream(list.split(",")).map(String::strip).anyMatch(t -> t.equals("*") || unquote(t).equals(bare));
    }

    private static String unquote(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
