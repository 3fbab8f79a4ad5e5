package berth.aws.wire;

import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies the SDKs compress ({@code Content-Encoding: gzip}, as the SDK for Java v2 and
 * botocore do for PutMetricData bodies over 10 KiB): decoded after the signature, which covers the
 * compressed bytes, and before the body is read as the operation's input.
 */
public final class ContentEncoding {
    /** The most a compressed body may expand to. */
    public static final int MAX_DECODED_BYTES = 16 << 20;

    private ContentEncoding() {}

    public static HttpRequestData decoded(HttpRequestData request, String serializationCode) {
        String encoding = request.header("content-encoding").strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity") || encoding.equals("aws-chunked")) {
            return request;
        }
        if (!encoding.equals("gzip")) {
            throw new AwsException(415, serializationCode, "Unsupported Content-Encoding: " + encoding);
        }
        byte[] body;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(request.body().length * 4);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_DECODED_BYTES) {
                    throw new AwsException(413, serializationCode, "The decompressed request body exceeds "
                            + MAX_DECODED_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            body = out.toByteArray();
        } catch (IOException e) {
            throw new AwsException(400, serializationCode, "The request body is not valid gzip");
        }
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        headers.remove("content-encoding");
        return new HttpRequestData(request.method(), request.path(), request.rawQuery(), headers, body);
    }
}
