package berth.registry.core;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A short statement (a kind, some fields, an expiry) with an HMAC-SHA256 over it, as text safe for
 * URLs and HTTP headers: {@code base64url(kind|field|…|expiry)} + {@code .} + {@code base64url(mac)}.
 * Fields must not contain {@code |}.
 */
public final class SignedStatement {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public SignedStatement(byte[] key) {
        if (key.length < 32) throw new IllegalArgumentException("the signing key needs at least 32 bytes");
        this.key = key.clone();
    }

    /** What a verified statement said. */
    public record Statement(String kind, List<String> fields, Instant expiresAt) {}

    public String sign(String kind, List<String> fields, Instant expiresAt) {
        StringBuilder text = new StringBuilder(kind);
        for (String field : fields) {
            if (field.indexOf('|') >= 0) throw new IllegalArgumentException("a field contains |");
            text.append('|').append(field);
        }
        text.append('|').append(expiresAt.getEpochSecond());
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The statement, when {@code token} carries a valid signature, is of {@code kind} and has not expired at {@code now}. */
    public Optional<Statement> verify(String token, String kind, Instant now) {
        if (token == null || token.length() > 4096) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0) return Optional.empty();
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) return Optional.empty();
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length < 2 || !parts[0].equals(kind)) return Optional.empty();
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[parts.length - 1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expiresAt)) return Optional.empty();
        return Optional.of(new Statement(kind, List.of(Arrays.copyOfRange(parts, 1, parts.length - 1)), expiresAt));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
