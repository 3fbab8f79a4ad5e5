package berth.aws;

/**
 * One error code of a service's catalog (a module's enum of the codes it answers with, e.g.
 * {@code ClusterNotFoundException}): the code as the wire spells it and its HTTP status, 400 unless
 * the service says otherwise. {@link #exception} is the one way a code becomes an {@link AwsException}.
 */
public interface ErrorCode {
    String code();

    default int status() {
        return 400;
    }

    default AwsException exception(String message) {
        return new AwsException(status(), code(), message);
    }
}
