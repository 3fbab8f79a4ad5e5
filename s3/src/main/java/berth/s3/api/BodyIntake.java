package berth.s3.api;

import berth.aws.sigv4.StreamSigning;
import berth.s3.core.Checksums;
import berth.s3.data.ObjectData;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Receives an object's (or a part's) bytes into a new data file, checking them on the way against
 * everything the request declared: the decoded length, {@code Content-MD5}, a hex
 * {@code x-amz-content-sha256}, the signatures of aws-chunked chunks, and {@code x-amz-checksum-*}
 * given as a header or a trailer. The file is committed only if every check passes; otherwise it is
 * discarded and the request refused with S3's error.
 */
final class BodyIntake {
    static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024;
    private static final int BUFFER_BYTES = 1 << 20;

    private BodyIntake() {}

    /** Bytes received: the data file, its size, MD5 (hex) and the checksums computed (base64, by algorithm). */
    record Received(String dataId, long size, String md5Hex, Map<String, String> checksums) {}

    /**
     * @param extraAlgorithm a checksum to compute besides those the request names (a multipart upload's); empty for none
     */
    static Received receive(S3Call call, InputStream body, ObjectData data, String extraAlgorithm) throws IOException {
        String mode = call.payloadHash();
        Map<String, String> declaredChecksums = declaredChecksums(call);
        Set<String> algorithms = new TreeSet<>(declaredChecksums.keySet());
        String trailerHeader = call.header("x-amz-trailer");
        for (String name : trailerHeader.split(",")) {
            Checksums.algorithmOf(name.strip()).ifPresent(algorithms::add);
        }
        Checksums.algorithmOf(call.header("x-amz-sdk-checksum-algorithm")).ifPresent(algorithms::add);
        if (!extraAlgorithm.isEmpty()) algorithms.add(extraAlgorithm);
        long declaredLength = declaredLength(call, mode);
        if (declaredLength > MAX_OBJECT_BYTES) {
            throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size",
                    "ProposedSize", Long.toString(declaredLength), "MaxSizeAllowed", Long.toString(MAX_OBJECT_BYTES));
        }
        InputStream payload = body;
        AwsChunkedInput chunked = null;
        if (mode.startsWith("STREAMING-")) {
            if (!mode.equals(StreamSigning.STREAMING_SIGNED) && !mode.equals(StreamSigning.STREAMING_SIGNED_TRAILER)
                    && !mode.equals(StreamSigning.STREAMING_UNSIGNED_TRAILER)) {
                throw S3Errors.INVALID_REQUEST.exception("berth does not support the payload signing mode " + mode
                        + " (SigV4a); sign with SigV4.");
            }
            chunked = new AwsChunkedInput(new BufferedInputStream(body, 64 * 1024), call.signing().orElseThrow(), mode);
            payload = chunked;
        }
        MessageDigest md5 = Checksums.md5();
        MessageDigest sha256 = mode.matches("[0-9a-f]{64}") ? sha256() : null;
        Map<String, Checksums.Running> running = new LinkedHashMap<>();
        algorithms.forEach(a -> running.put(a, Checksums.start(a)));
        try (ObjectData.Staging staging = data.stage()) {
            byte[] buffer = new byte[BUFFER_BYTES];
            long total = 0;
            while (true) {
                int n = payload.read(buffer, 0, buffer.length);
                if (n < 0) break;
                if (n == 0) continue;
                total += n;
                if (total > MAX_OBJECT_BYTES || (declaredLength >= 0 && total > declaredLength)) {
                    if (total > MAX_OBJECT_BYTES) {
                        throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size");
                    }
                    throw S3Errors.INVALID_REQUEST.exception("The request body is longer than its declared length.");
                }
                md5.update(buffer, 0, n);
                if (sha256 != null) sha256.update(buffer, 0, n);
                for (Checksums.Running checksum : running.values()) checksum.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) staging.channel().write(bytes);
            }
            if (declaredLength >= 0 && total != declaredLength) {
                throw S3Errors.INCOMPLETE_BODY.exception("You did not provide the number of bytes specified by the"
                        + " Content-Length HTTP header.");
            }
            byte[] md5Bytes = md5.digest();
            checkContentMd5(call, md5Bytes);
            if (sha256 != null && !HexFormat.of().formatHex(sha256.digest()).equals(mode)) {
                throw S3Errors.CONTENT_SHA256_MISMATCH.exception("The provided 'x-amz-content-sha256' header does not match"
                        + " what was computed.", "ClientComputedContentSHA256", mode);
            }
            Map<String, String> computed = new LinkedHashMap<>();
            running.forEach((algorithm, checksum) -> computed.put(algorithm, checksum.base64()));
            Map<String, String> expected = new LinkedHashMap<>(declaredChecksums);
            if (chunked != null) {
                chunked.trailers().forEach((name, value) -> Checksums.algorithmOf(name).ifPresent(a -> expected.put(a, value)));
            }
            for (String name : trailerHeader.split(",")) {
                Optional<String> algorithm = Checksums.algorithmOf(name.strip());
                if (algorithm.isPresent() && !expected.containsKey(algorithm.get())) {
                    throw S3Errors.INVALID_REQUEST.exception("The trailer " + name.strip() + " was declared but not sent.");
                }
            }
            expected.forEach((algorithm, value) -> {
                if (!value.equals(computed.get(algorithm))) {
                    throw S3Errors.BAD_DIGEST.exception("The " + algorithm + " you specified did not match the calculated"
                            + " checksum.");
                }
            });
            String dataId = staging.commit();
            return new Received(dataId, total, HexFormat.of().formatHex(md5Bytes), computed);
        }
    }

    /** The checksums given as {@code x-amz-checksum-*} headers; more than one is refused, as S3 does. */
    static Map<String, String> declaredChecksums(S3Call call) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String algorithm : Checksums.ALGORITHMS) {
            String value = call.header(Checksums.headerName(algorithm));
            if (!value.isEmpty()) out.put(algorithm, value);
        }
        if (out.size() > 1) {
            throw S3Errors.INVALID_REQUEST.exception("Expecting a single x-amz-checksum- header. Multiple checksum Types are"
                    + " not allowed.");
        }
        return out;
    }

    private static long declaredLength(S3Call call, String mode) {
        String decoded = call.header("x-amz-decoded-content-length");
        String length = mode.startsWith("STREAMING-") ? decoded : call.header("content-length");
        if (mode.startsWith("STREAMING-") && decoded.isEmpty()) {
            return -1;
        }
        if (length.isEmpty()) return -1;
        try {
            long value = Long.parseLong(length.strip());
            if (value < 0) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid content length " + length);
        }
    }

    private static void checkContentMd5(S3Call call, byte[] md5) {
        String given = call.header("content-md5");
        if (given.isEmpty()) return;
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(given.strip());
        } catch (IllegalArgumentException e) {
            decoded = new byte[0];
        }
        if (decoded.length != 16) {
            throw S3Errors.INVALID_DIGEST.exception("The Content-MD5 you specified was invalid.", "Content-MD5", given);
        }
        if (!MessageDigest.isEqual(decoded, md5)) {
            throw S3Errors.BAD_DIGEST.exception("The Content-MD5 you specified did not match what we received.",
                    "ExpectedDigest", given, "CalculatedDigest", Base64.getEncoder().encodeToString(md5));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
