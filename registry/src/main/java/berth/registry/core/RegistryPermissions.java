package berth.registry.core;

import berth.aws.Scope;

/** The permissions policy of one account's registry in one region, as stored (the text exactly as put). */
public record RegistryPermissions(String accountId, String region, String policyText) {
    public static RegistryPermissions of(Scope scope, String policyText) {
        return new RegistryPermissions(scope.accountId(), scope.region(), policyText);
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public RegistryPolicy policy() {
        return RegistryPolicy.parse(policyText);
    }
}
