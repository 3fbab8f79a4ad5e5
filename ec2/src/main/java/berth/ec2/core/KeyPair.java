package berth.ec2.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A key pair: its public key (OpenSSH format) and fingerprint; the private key of a created pair is
 * given once and not kept. berth's instances run no SSH daemon, so the key is recorded, not installed.
 */
public record KeyPair(String accountId, String region, String name, String id, String type, String fingerprint,
                      String publicKey, Instant createdAt, List<Tag> tags) {
    public KeyPair {
        tags = List.copyOf(tags);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public KeyPair withTags(List<Tag> changed) {
        return new KeyPair(accountId, region, name, id, type, fingerprint, publicKey, createdAt, changed);
    }
}
