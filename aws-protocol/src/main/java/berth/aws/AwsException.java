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

    public AwsException(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    public AwsException(int status, String code, String message, boolean senderFault) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.senderFault = senderFault;
    }

    public int status() { return status; }
    public String code() { return code; }
    public boolean senderFault() { return senderFault; }
}
