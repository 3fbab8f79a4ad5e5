package berth.agent.loop;

/**
 * A control plane call that failed. {@code permanent} failures (the control plane refused the request
 * as invalid, or does not know the instance) are not worth repeating as they are; others (no answer,
 * throttling, server errors) are.
 *
 * @param code the AWS error code, or the HTTP status, or empty when nothing answered
 */
public final class ControlPlaneException extends RuntimeException {

    private final String code;
    private final boolean permanent;

    public ControlPlaneException(String message, String code, boolean permanent, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.permanent = permanent;
    }

    public String code() {
        return code;
    }

    public boolean permanent() {
        return permanent;
    }
}
