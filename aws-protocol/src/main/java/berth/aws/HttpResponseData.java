package berth.aws;

import java.util.Map;

/** An HTTP response ready to write: status, headers (one value each) and body. */
public record HttpResponseData(int status, Map<String, String> headers, byte[] body) {}
