package berth.aws.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque pagination tokens: the sort key of the last item returned, base64url-encoded with a short
 * keyed digest, so that garbage and edited tokens are recognised and rejected instead of silently
 * restarting or skipping a listing. Tokens stay valid across restarts.
 */
public final class PageToken {
    private static final byte[] CONTEXT = "berth.aws.paging.PageToken/v1".getBytes(StandardCharsets.UTF_8);
    private static final int DIGEST_BYTES = 8;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageToken() {}

    public static String encode(String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(keyBytes) + "." + ENCODER.encodeToString(digest(keyBytes));
    }

    /** The key a token carries; empty when the token was not issued by {@link #encode}. */
    public static Optional<String> decode(String token) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            byte[] key = DECODER.decode(token.substring(0, dot));
            byte[] digest = DECODER.decode(token.substring(dot + 1));
            return MessageDigest.isEqual(digest, digest(key)) ? Optional.of(new String(key, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] digest(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(CONTEXT);
            sha256.update(key);
            return Arrays.copyOf(sha256.digest(), DIGEST_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
