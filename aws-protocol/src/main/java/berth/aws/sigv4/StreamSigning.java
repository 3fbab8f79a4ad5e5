package berth.aws.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What the body of a request verified by its head ({@link SigV4Verifier#verifyHead}) must match: the
 * payload hash the signature covers, and for {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}
 * bodies the signature of each chunk and of the trailer, each chained to the one before it, starting
 * from the request's own signature (the seed).
 */
public final class StreamSigning {
    /** The body is not covered by the signature. */
    public static final String UNSIGNED_PAYLOAD = CanonicalRequest.UNSIGNED_PAYLOAD;
    public static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final String EMPTY_SHA256 = CanonicalRequest.sha256Hex(new byte[0]);

    private final String payloadHash;
    private final String seedSignature;
    private final byte[] signingKey;
    private final String requestTime;
    private final String scope;

    StreamSigning(String payloadHash, String seedSignature, byte[] signingKey, String requestTime, String scope) {
        this.payloadHash = payloadHash;
        this.seedSignature = seedSignature;
        this.signingKey = signingKey.clone();
        this.requestTime = requestTime;
        this.scope = scope;
    }

    /** The payload hash the signature covers: a hex SHA-256, {@code UNSIGNED-PAYLOAD} or a {@code STREAMING-…} mode. */
    public String payloadHash() {
        return payloadHash;
    }

    /** The request's own signature, which the first chunk's signature chains from. */
    public String seedSignature() {
        return seedSignature;
    }

    /** The signature a chunk whose bytes hash to {@code chunkSha256} must carry after {@code previous}. */
    public String chunkSignature(String previous, byte[] chunkSha256) {
        String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + requestTime + "\n" + scope + "\n" + previous + "\n" + EMPTY_SHA256
                + "\n" + HexFormat.of().formatHex(chunkSha256);
        return CanonicalRequest.signature(signingKey, toSign);
    }

    /**
     * The signature the trailer must carry after the last chunk's {@code previous}; {@code trailer} is
     * its headers as signed, each {@code name:value\n}.
     */
    public String trailerSignature(String previous, String trailer) {
        String toSign = "AWS4-HMAC-SHA256-TRAILER\n" + requestTime + "\n" + scope + "\n" + previous + "\n"
                + CanonicalRequest.sha256Hex(trailer.getBytes(StandardCharsets.UTF_8));
        return CanonicalRequest.signature(signingKey, toSign);
    }

    /** Compares signatures in constant time. */
    public static boolean same(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
