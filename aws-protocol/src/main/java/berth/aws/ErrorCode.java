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

    /**
     * The code of this error on the Query wire of a service that answers JSON to clients that once spoke
     * Query to it ({@code AWS.SimpleQueueService.NonExistentQueue} for SQS's {@code QueueDoesNotExist});
     * empty when it is the {@linkplain #code() code}.
     */
    default String queryCode() {
        return "";
    }

    default AwsException exception(String message) {
        return new AwsException(status(), code(), queryCode(), message, status() < 500);
    }
}
