package berth.registry.core;

/** The permissions policy of one account's registry in one region, as stored (the text exactly as put). */
public record RegistryPermissions(String accountId, String region, String policyText) {
    public RegistryPolicy policy() {
        return RegistryPolicy.parse(policyText);
    }
}
