package berth.aws;

import software.amazon.awssdk.core.SdkPojo;

/** Handles one decoded operation, returning the SDK response object, or throwing {@link AwsException}. */
@FunctionalInterface
public interface OperationHandler<I extends SdkPojo, O extends SdkPojo> {
    O handle(I request, RequestContext context);
}
