package berth.s3.api;

import berth.aws.AwsException;
import java.util.Map;

/** An S3 error: its code and status from {@link S3Errors}, and the extra elements of its XML document. */
public final class S3Exception extends AwsException {
    private final Map<String, String> details;

    S3Exception(S3Errors error, String message, Map<String, String> details) {
        super(error.status(), error.code(), message);
        this.details = Map.copyOf(details);
    }

    public Map<String, String> details() {
        return details;
    }
}
