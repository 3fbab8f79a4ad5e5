package berth.iam.core;

import java.util.Optional;

/**
 * IAM and STS ARNs. IAM is global: its ARNs name no region ({@code arn:aws:iam::123456789012:role/path/name}).
 */
public final class IamArns {
    public static final String AWS_MANAGED_ACCOUNT = "aws";

    private IamArns() {}

    public static String root(String accountId) {
        return "arn:aws:iam::" + accountId + ":root";
    }

    public static String role(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    public static String user(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":user" + path + name;
    }

    public static String policy(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":policy" + path + name;
    }

    public static String instanceProfile(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":instance-profile" + path + name;
    }

    public static String assumedRole(String accountId, String roleName, String sessionName) {
        return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
    }

    /**
     * The parts of an IAM ARN of {@code type} ({@code role}, {@code user}, {@code policy},
     * {@code instance-profile}): {@code arn:aws:iam::123456789012:role/app/web} → account
     * {@code 123456789012}, path {@code /app/}, name {@code web}; empty when the text is no such ARN.
     */
    public static Optional<Named> parse(String arn, String type) {
        String prefix = "arn:aws:iam::";
        if (arn == null || !arn.startsWith(prefix)) {
            return Optional.empty();
        }
        int colon = arn.indexOf(':', prefix.length());
        if (colon < 0) {
            return Optional.empty();
        }
        String account = arn.substring(prefix.length(), colon);
        String resource = arn.substring(colon + 1);
        if (!resource.startsWith(type + "/") || account.isEmpty()) {
            return Optional.empty();
        }
        String pathAndName = resource.substring(type.length());
        int lastSlash = pathAndName.lastIndexOf('/');
        String name = pathAndName.substring(lastSlash + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Named(account, pathAndName.substring(0, lastSlash + 1), name));
    }

    /** An IAM entity named by an ARN: its account, path (starting and ending with {@code /}) and name. */
    public record Named(String accountId, String path, String name) {}
}
