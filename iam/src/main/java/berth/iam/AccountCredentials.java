package berth.iam;

import berth.aws.CredentialSource;
import berth.aws.Identity;
import berth.aws.SigningKey;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The credentials every berth knows without any IAM setup: the root of the default account signs
 * with {@code test}/{@code test}, and an access key id of exactly twelve digits is the root of that
 * account (secret {@code test}), so multi-account tests need no setup.
 */
public final class AccountCredentials implements CredentialSource {
    public static final String DEFAULT_ACCESS_KEY = "test";
    public static final String DEFAULT_SECRET = "test";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final String defaultAccountId;

    public AccountCredentials(String defaultAccountId) {
        if (!ACCOUNT_ID.matcher(defaultAccountId).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits: " + defaultAccountId);
        }
        this.defaultAccountId = defaultAccountId;
    }

    public String defaultAccountId() {
        return defaultAccountId;
    }

    @Override
    public Optional<SigningKey> find(String accessKeyId) {
        if (DEFAULT_ACCESS_KEY.equals(accessKeyId)) {
            return Optional.of(rootKey(accessKeyId, defaultAccountId));
        }
        if (ACCOUNT_ID.matcher(accessKeyId).matches()) {
            return Optional.of(rootKey(accessKeyId, accessKeyId));
        }
        return Optional.empty();
    }

    public static Identity root(String accountId) {
        return new Identity(accountId, "arn:aws:iam::" + accountId + ":root", accountId, true);
    }

    private static SigningKey rootKey(String accessKeyId, String accountId) {
        return new SigningKey(accessKeyId, DEFAULT_SECRET, "", Long.MAX_VALUE, root(accountId));
    }
}
