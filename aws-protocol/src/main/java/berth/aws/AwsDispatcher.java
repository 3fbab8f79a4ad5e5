package berth.aws;

import java.time.Clock;
import java.util.List;

/**
 * The whole AWS wire in one call: verify the signature, find the service and operation, decode the
 * request into its SDK model class, run the handler, encode the response or the error in the
 * service's protocol. Never throws: every failure becomes an AWS-shaped error response.
 */
public final class AwsDispatcher {

    /** What happened to one request, for metrics and request logs. */
    public record Dispatched(String service, String operation, HttpResponseData response) {}

    public AwsDispatcher(List<AwsService> services, CredentialSource credentials, Clock clock) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Dispatched dispatch(HttpRequestData request) {
        throw new UnsupportedOperationException("not built yet");
    }
}
