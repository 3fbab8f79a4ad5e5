package berth.aws.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** Headers every berth AWS response carries: {@code x-amzn-RequestId} and the content type. */
public final class ResponseHeaders {
    public static final String REQUEST_ID = "x-amzn-RequestId";
    public static final String ERROR_TYPE = "x-amzn-ErrorType";
    /** The Query code of a JSON error, for clients of a service that once spoke Query ({@code Code;Sender}). */
    public static final String QUERY_ERROR = "x-amzn-query-error";

    private ResponseHeaders() {}

    /** A mutable header map with the request id and content type set. */
    public static Map<String, String> of(String requestId, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, requestId);
        headers.put("Content-Type", contentType);
        return headers;
    }
}
