package berth.s3.api;

import berth.s3.core.Checksums;
import com.linecorp.armeria.common.HttpData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The body of a configuration request (tagging, policy, lifecycle, a multipart completion, a batch
 * delete), read whole up to a limit and checked like an object's: the signed SHA-256, chunk
 * signatures, Content-MD5 and a declared checksum.
 */
final class SmallBody {
    static final int LIMIT = 2 * 1024 * 1024;

    private SmallBody() {}

    static byte[] read(S3Call call) throws IOException {
        InputStream raw = call.req().toInputStream(o -> o instanceof HttpData data ? data : HttpData.empty());
        String mode = call.payloadHash();
        AwsChunkedInput chunked = mode.startsWith("STREAMING-")
                ? new AwsChunkedInput(new java.io.BufferedInputStream(raw), call.signing().orElseThrow(), mode) : null;
        InputStream in = chunked != null ? chunked : raw;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        try (InputStream closing = in) {
            while ((n = closing.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > LIMIT) throw S3Errors.MALFORMED_XML.exception("The request body is too large.");
            }
        }
        byte[] body = out.toByteArray();
        if (mode.matches("[0-9a-f]{64}")) {
            String actual = HexFormat.of().formatHex(sha256(body));
            if (!actual.equals(mode)) {
                throw S3Errors.CONTENT_SHA256_MISMATCH.exception("The provided 'x-amz-content-sha256' header does not match"
                        + " what was computed.");
            }
        }
        String md5 = call.header("content-md5");
        if (!md5.isEmpty() && !Base64.getEncoder().encodeToString(Checksums.md5().digest(body)).equals(md5.strip())) {
            throw S3Errors.BAD_DIGEST.exception("The Content-MD5 you specified did not match what we received.");
        }
        Map<String, String> declared = BodyIntake.declaredChecksums(call);
        if (chunked != null) chunked.trailers().forEach((name, value) -> Checksums.algorithmOf(name).ifPresent(a -> declared.put(a, value)));
        declared.forEach((algorithm, value) -> {
            Checksums.Running checksum = Checksums.start(algorithm);
            checksum.update(body, 0, body.length);
            if (!checksum.base64().equals(value)) {
                throw S3Errors.BAD_DIGEST.exception("The " + algorithm + " you specified did not match the calculated checksum.");
            }
        });
        return body;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
