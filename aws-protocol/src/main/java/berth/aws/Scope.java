package berth.aws;

import java.util.Objects;

/**
 * Where a request acts: the account that signed it and the region it names. Every resource of an
 * account-and-region service lives in exactly one scope, and a scope's records are stored under
 * {@link #prefix()} ({@code ACCOUNT/REGION/}). Resolved once from the signed request
 * ({@link RequestContext#scope()}); nothing below the API rooms takes account and region apart.
 */
public record Scope(String accountId, String region) {

    public Scope {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }

    /** {@code ACCOUNT/REGION/}: the store key prefix of this scope's records. */
    public String prefix() {
        return accountId + "/" + region + "/";
    }

    /** {@code ACCOUNT/REGION/NAME}: the store key of a record named {@code name} in this scope. */
    public String key(String name) {
        return prefix() + name;
    }

    /** The scope a store key written by {@link #key} belongs to. */
    public static Scope ofKey(String key) {
        String[] parts = key.split("/", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException("not a scoped key: " + key);
        }
        return new Scope(parts[0], parts[1]);
    }

    /** An ARN of this scope: {@code arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE}. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
