package berth.aws;

/**
 * A principal that can sign requests.
 *
 * @param arn e.g. {@code arn:aws:iam::000000000000:root}
 * @param userId the unique id AWS reports in GetCallerIdentity (the account id for the root)
 * @param root whether this is the account's root identity (not subject to policy evaluation)
 */
public record Identity(String accountId, String arn, String userId, boolean root) {}
