package berth.aws;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it arrived, before any AWS interpretation.
 *
 * @param path the request path as sent, still percent-encoded (SigV4 signs the encoded form)
 * @param headers header names in lower case, values in arrival order
 * @param rawQuery the query string without '?', still percent-encoded; empty when absent
 */
public record HttpRequestData(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    /** First value of a header (name in any case), or empty string when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
