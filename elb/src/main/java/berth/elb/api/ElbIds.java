package berth.elb.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The 16-hex-digit ids at the end of ELB ARNs. */
final class ElbIds {
    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
