package berth.aws;

/**
 * A request that breaks a constraint of its operation (a missing member, a value out of range, a
 * pagination token berth did not issue). Rendered with the validation code of the service that
 * raised it ({@link ServiceErrorCodes#validation()}), so code that serves several services, such as
 * {@code berth.aws.paging.Page}, need not know which code that is. Status 400, Sender fault.
 */
public class AwsValidationException extends AwsException {
    /** The code used when no service is known; replaced by the service's own when rendered. */
    public static final String PLACEHOLDER_CODE = "ValidationException";

    public AwsValidationException(String message) {
        super(400, PLACEHOLDER_CODE, message, true);
    }
}
