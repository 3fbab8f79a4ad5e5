package berth.s3.api;

import berth.aws.sigv4.StreamSigning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The payload of an {@code aws-chunked} body: chunks of {@code hex-size[;chunk-signature=sig]CRLF
 * data CRLF}, a last chunk of size 0, and for the {@code -TRAILER} modes trailing headers (the
 * checksum, and for the signed mode {@code x-amz-trailer-signature}). With signed chunks each chunk's
 * signature is checked against the previous one's, starting from the request's; a wrong one fails the
 * read with {@code SignatureDoesNotMatch}, so the upload is discarded.
 */
final class AwsChunkedInput extends InputStream {
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final StreamSigning signing;
    private final boolean signed;
    private final boolean trailer;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String previousSignature;
    private long remainingInChunk;
    private String chunkSignature = "";
    private MessageDigest chunkHash;
    private boolean finished;

    /** @param mode the declared payload hash: one of {@link StreamSigning}'s {@code STREAMING_…} modes */
    AwsChunkedInput(InputStream in, StreamSigning signing, String mode) {
        this.in = in;
        this.signing = signing;
        this.signed = !mode.equals(StreamSigning.STREAMING_UNSIGNED_TRAILER);
        this.trailer = !mode.equals(StreamSigning.STREAMING_SIGNED);
        this.previousSignature = signing.seedSignature();
    }

    /** The trailing headers, names lower case; known once the stream has ended. */
    Map<String, String> trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (finished) return -1;
        if (remainingInChunk == 0) {
            nextChunk();
            if (finished) return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remainingInChunk));
        if (n < 0) throw incomplete();
        if (signed) chunkHash.update(buffer, offset, n);
        remainingInChunk -= n;
        if (remainingInChunk == 0) endChunk();
        return n;
    }

    private void nextChunk() throws IOException {
        String header = line();
        String sizeText = header;
        chunkSignature = "";
        int semicolon = header.indexOf(';');
        if (semicolon >= 0) {
            sizeText = header.substring(0, semicolon);
            String extension = header.substring(semicolon + 1).strip();
            if (extension.startsWith("chunk-signature=")) chunkSignature = extension.substring("chunk-signature=".length());
        }
        long size;
        try {
            size = Long.parseLong(sizeText.strip(), 16);
        } catch (NumberFormatException e) {
            throw S3Errors.INVALID_REQUEST.exception("The chunk header '" + header + "' is not valid aws-chunked encoding.");
        }
        if (size < 0) throw S3Errors.INVALID_REQUEST.exception("Negative chunk size.");
        if (signed && chunkSignature.isEmpty()) {
            throw S3Errors.SIGNATURE_DOES_NOT_MATCH.exception("A chunk of a signed aws-chunked body carries no signature.");
        }
        chunkHash = signed ? sha256() : null;
        remainingInChunk = size;
        if (size == 0) {
            if (signed) verifyChunk();
            if (trailer) readTrailers();
            else expectCrlf();
            finished = true;
        }
    }

    private void endChunk() throws IOException {
        expectCrlf();
        verifyChunk();
    }

    private void verifyChunk() {
        if (!signed) return;
        String expected = signing.chunkSignature(previousSignature, chunkHash.digest());
        if (!StreamSigning.same(expected, chunkSignature)) {
            throw S3Errors.SIGNATURE_DOES_NOT_MATCH.exception("The request signature we calculated does not match the"
                    + " signature you provided. Check your key and signing method.");
        }
        previousSignature = chunkSignature;
    }

    private void readTrailers() throws IOException {
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = "";
        while (true) {
            String line = line();
            if (line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon <= 0) throw S3Errors.INVALID_REQUEST.exception("Malformed trailing header '" + line + "'.");
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (signed) {
            String expected = signing.trailerSignature(previousSignature, canonical.toString());
            if (!StreamSigning.same(expected, trailerSignature)) {
                throw S3Errors.SIGNATURE_DOES_NOT_MATCH.exception("The trailer signature we calculated does not match the"
                        + " signature you provided.");
            }
        }
    }

    private void expectCrlf() throws IOException {
        int cr = in.read();
        int lf = in.read();
        if (cr < 0 || lf < 0) throw incomplete();
        if (cr != '\r' || lf != '\n') throw S3Errors.INVALID_REQUEST.exception("A chunk of the aws-chunked body does not end in CRLF.");
    }

    /** A CRLF-terminated line, without the CRLF; the end of the stream before it is an incomplete body. */
    private String line() throws IOException {
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (out.isEmpty() && trailer && !trailers.isEmpty()) return "";
                throw incomplete();
            }
            if (c == '\r') {
                int lf = in.read();
                if (lf != '\n') throw S3Errors.INVALID_REQUEST.exception("Malformed aws-chunked line.");
                return out.toString();
            }
            out.append((char) c);
            if (out.length() > MAX_LINE) throw S3Errors.INVALID_REQUEST.exception("An aws-chunked line is too long.");
        }
    }

    private static S3Exception incomplete() {
        return S3Errors.INCOMPLETE_BODY.exception("The request body terminated unexpectedly");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
