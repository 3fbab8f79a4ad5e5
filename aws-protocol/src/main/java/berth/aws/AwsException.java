package berth.aws;

/**
 * An AWS error to return on the wire: HTTP status, error code (e.g. {@code ClusterNotFoundException},
 * {@code ValidationError}), message, and whether the caller (Sender) or the server (Receiver) is at
 * fault. Rendered once, in the protocol of the service that raised it.
 */
public class AwsException extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean senderFault;
    private final String queryCode;

    public AwsException(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    public AwsException(int status, String code, String message, boolean senderFault) {
        this(status, code, "", message, senderFault);
    }

    /**
     * An error of a service that answers JSON to clients that once spoke Query to it (SQS): its JSON
     * code ({@code QueueDoesNotExist}) and the code its Query wire gives
     * ({@code AWS.SimpleQueueService.NonExistentQueue}), which JSON responses carry in
     * {@code x-amzn-query-error}; empty when the two are one.
     */
    public AwsException(int status, String code, String queryCode, String message, boolean senderFault) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.senderFault = senderFault;
        this.queryCode = queryCode;
    }

    public int status() { return status; }
    public String code() { return code; }
    public boolean senderFault() { return senderFault; }

    /** The code the Query protocol gives this error: the {@linkplain #code() code} unless the service names another. */
    public String queryCode() { return queryCode.isEmpty() ? code : queryCode; }

    /** Whether this error names a Query code of its own ({@link #queryCode()}). */
    public boolean hasQueryCode() { return !queryCode.isEmpty(); }
}
