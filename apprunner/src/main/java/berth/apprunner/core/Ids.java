package berth.apprunner.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** App Runner's identifiers: 32 lower-case hex digits. */
public final class Ids {
    private Ids() {}

    public static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A stable id for a name (the default auto scaling configuration's). */
    public static String hex32(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
