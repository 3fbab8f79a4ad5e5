package berth.aws;

import java.util.Optional;

/** Looks up the secret of an access key id; empty when the key is unknown. */
@FunctionalInterface
public interface CredentialSource {
    Optional<SigningKey> find(String accessKeyId);
}
