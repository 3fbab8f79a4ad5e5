package berth.elb;

/**
 * A registration the target group refuses, with the Elastic Load Balancing error code
 * ({@code TargetGroupNotFound}, {@code InvalidTarget}, {@code TooManyTargets}, ...).
 */
public final class TargetRegistrationException extends RuntimeException {
    private final String code;

    public TargetRegistrationException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
