package berth.aws.wire;

import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import berth.aws.HttpResponseData;
import software.amazon.awssdk.core.SdkPojo;

/** One protocol's reading of requests and writing of responses and errors, for one service. */
public interface WireCodec {

    /**
     * Finds the operation a request names. Throws {@link AwsException} when the request names none
     * or names one the protocol cannot route.
     */
    IncomingCall locate(HttpRequestData request);

    /** The success response for an operation's output. */
    HttpResponseData encode(String operation, SdkPojo output, String requestId);

    /** The error response, in this protocol's shape. */
    HttpResponseData error(AwsException error, String requestId);

    /** A request whose operation is known, ready to be decoded into that operation's input builder. */
    interface IncomingCall {
        String operation();

        /** Fills the SDK input builder from the request; throws {@link AwsException} for unreadable input. */
        void decodeInto(SdkPojo inputBuilder);
    }
}
