package berth.secrets.manager.core;

import berth.aws.Scope;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/** Secret names and ARNs: what a name may contain, and how a SecretId (name, full or partial ARN) is read. */
public final class SecretNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretNames() {}

    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** A new secret's ARN: the name followed by {@code -} and six random characters, as AWS makes them. */
    public static String newArn(Scope scope, String name) {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        return arn(scope, name + "-" + suffix);
    }

    /** {@code arn:aws:secretsmanager:region:account:secret:RESOURCE}. */
    public static String arn(Scope scope, String resource) {
        return scope.arn("secretsmanager", "secret:" + resource);
    }

    /**
     * Where a SecretId points: the secret's scope (account and region), and its name. A full ARN names
     * the secret whose ARN it is exactly ({@code exactArn}); a partial ARN (without the six-character
     * suffix) or a plain name names the secret of that name.
     *
     * @param exactArn the full ARN to match, or empty for a name
     * @param alternativeName for a full-looking ARN, the whole resource name, in case it is a partial
     *     ARN of a secret whose own name ends in {@code -} and six characters; empty otherwise
     */
    public record SecretId(Scope scope, String name, String exactArn, String alternativeName) {}

    /** Reads a SecretId of a caller in {@code scope}; empty for an ARN that names no secret. */
    public static Optional<SecretId> parse(String secretId, Scope scope) {
        if (!secretId.startsWith("arn:")) return Optional.of(new SecretId(scope, secretId, "", ""));
        String[] parts = secretId.split(":", 7);
        if (parts.length != 7 || !parts[2].equals("secretsmanager") || !parts[5].equals("secret") || parts[6].isEmpty()) {
            return Optional.empty();
        }
        String resource = parts[6];
        int dash = resource.length() - 7;
        if (dash > 0 && resource.charAt(dash) == '-' && resource.substring(dash + 1).chars()
                .allMatch(c -> SUFFIX_ALPHABET.indexOf(c) >= 0)) {
            return Optional.of(new SecretId(new Scope(parts[4], parts[3]), resource.substring(0, dash), secretId, resource));
        }
        return Optional.of(new SecretId(new Scope(parts[4], parts[3]), resource, "", ""));
    }
}
