package berth.s3.core;

import java.util.Set;

/** S3's event type names ({@code s3:ObjectCreated:Put}) and their {@code :*} patterns. */
public final class EventNames {
    public static final String CREATED_PUT = "s3:ObjectCreated:Put";
    public static final String CREATED_POST = "s3:ObjectCreated:Post";
    public static final String CREATED_COPY = "s3:ObjectCreated:Copy";
    public static final String CREATED_MULTIPART = "s3:ObjectCreated:CompleteMultipartUpload";
    public static final String REMOVED_DELETE = "s3:ObjectRemoved:Delete";
    public static final String REMOVED_MARKER = "s3:ObjectRemoved:DeleteMarkerCreated";
    public static final String LIFECYCLE_DELETE = "s3:LifecycleExpiration:Delete";
    public static final String LIFECYCLE_MARKER = "s3:LifecycleExpiration:DeleteMarkerCreated";
    public static final String TAGGING_PUT = "s3:ObjectTagging:Put";
    public static final String TAGGING_DELETE = "s3:ObjectTagging:Delete";

    private static final Set<String> KNOWN = Set.of("s3:ObjectCreated:*", CREATED_PUT, CREATED_POST, CREATED_COPY,
            CREATED_MULTIPART, "s3:ObjectRemoved:*", REMOVED_DELETE, REMOVED_MARKER, "s3:LifecycleExpiration:*",
            LIFECYCLE_DELETE, LIFECYCLE_MARKER, "s3:ObjectTagging:*", TAGGING_PUT, TAGGING_DELETE, "s3:ObjectRestore:*",
            "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete", "s3:ReducedRedundancyLostObject",
            "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
            "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
            "s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ObjectAcl:Put");

    private EventNames() {}

    public static boolean known(String name) {
        return KNOWN.contains(name);
    }

    public static boolean matches(String pattern, String event) {
        if (pattern.endsWith(":*")) return event.startsWith(pattern.substring(0, pattern.length() - 1));
        return pattern.equals(event);
    }

    static boolean overlap(String a, String b) {
        return matches(a, b) || matches(b, a) || (a.endsWith(":*") && b.startsWith(a.substring(0, a.length() - 1)))
                || (b.endsWith(":*") && a.startsWith(b.substring(0, b.length() - 1)));
    }

    /** The name an event record carries: without the {@code s3:} prefix ({@code ObjectCreated:Put}). */
    public static String recordName(String event) {
        return event.startsWith("s3:") ? event.substring(3) : event;
    }
}
