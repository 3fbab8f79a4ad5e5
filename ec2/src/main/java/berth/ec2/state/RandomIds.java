package berth.ec2.state;

import berth.ec2.core.Ids;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Resource ids with 17 random hex digits, as EC2's long ids have. */
public final class RandomIds implements Ids {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String next(String prefix) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }
}
