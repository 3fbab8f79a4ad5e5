package berth.apprunner.core;

/**
 * A domain a service answers for besides its own host name (and {@code www.} of it when asked): a
 * host-header rule of its own on the scope's load balancer ({@code ruleArn}, empty until made).
 * Status CREATING until the rule exists, then ACTIVE; DELETING until it is removed. berth serves
 * plain HTTP, so no certificate is validated.
 */
public record CustomDomain(String domainName, boolean enableWww, String status, String ruleArn) {
    public CustomDomain {
        ruleArn = ruleArn == null ? "" : ruleArn;
    }

    public java.util.List<String> hosts() {
        return enableWww ? java.util.List.of(domainName, "www." + domainName) : java.util.List.of(domainName);
    }

    public CustomDomain active(String rule) {
        return new CustomDomain(domainName, enableWww, "ACTIVE", rule);
    }

    public CustomDomain deleting() {
        return new CustomDomain(domainName, enableWww, "DELETING", ruleArn);
    }
}
