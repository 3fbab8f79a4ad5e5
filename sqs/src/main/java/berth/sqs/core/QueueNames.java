package berth.sqs.core;

import berth.aws.Scope;
import java.util.Optional;
import java.util.regex.Pattern;

/** Queue names, ARNs and URLs: {@code arn:aws:sqs:REGION:ACCOUNT:NAME}, {@code ENDPOINT/ACCOUNT/NAME}. */
public final class QueueNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    public static final String FIFO_SUFFIX = ".fifo";

    private QueueNames() {}

    /** A queue in a scope, named. */
    public record QueueRef(Scope scope, String name) {
        public String arn() {
            return scope.arn("sqs", name);
        }
    }

    /** Whether {@code name} may name a queue: 1 to 80 letters, digits, hyphens and underscores, then {@code .fifo} for FIFO. */
    public static boolean valid(String name) {
        String base = name.endsWith(FIFO_SUFFIX) ? name.substring(0, name.length() - FIFO_SUFFIX.length()) : name;
        return name.length() <= 80 && NAME.matcher(base).matches();
    }

    public static boolean fifo(String name) {
        return name.endsWith(FIFO_SUFFIX);
    }

    /** The queue an ARN names; empty when it is no SQS queue ARN. */
    public static Optional<QueueRef> fromArn(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs") || parts[3].isEmpty()
                || !parts[4].matches("\\d{12}") || !valid(parts[5])) {
            return Optional.empty();
        }
        return Optional.of(new QueueRef(new Scope(parts[4], parts[3]), parts[5]));
    }

    /**
     * The queue a URL names ({@code http://HOST/ACCOUNT/NAME}, any host, as clients keep URLs of other
     * endpoints), in the region of the request; a bare name is a queue of the caller's account.
     */
    public static Optional<QueueRef> fromUrl(String url, Scope caller) {
        String path = url;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        String[] segments = path.replaceAll("^/+|/+$", "").split("/");
        if (segments.length == 1 && scheme < 0 && valid(segments[0])) {
            return Optional.of(new QueueRef(caller, segments[0]));
        }
        if (segments.length != 2 || !segments[0].matches("\\d{12}") || !valid(segments[1])) {
            return Optional.empty();
        }
        return Optional.of(new QueueRef(new Scope(segments[0], caller.region()), segments[1]));
    }
}
