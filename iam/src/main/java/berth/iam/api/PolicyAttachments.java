package berth.iam.api;

import berth.iam.core.ManagedPolicy;
import berth.iam.core.PolicyParser;
import berth.iam.state.IamRecords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules shared by roles and users for their inline policies and attached managed policies. */
final class PolicyAttachments {
    static final int MAX_ATTACHED = 10;

    private PolicyAttachments() {}

    /**
     * The inline policies after putting {@code document} under {@code name}, validated, within the
     * entity's total size quota.
     */
    static Map<String, String> putInline(Map<String, String> current, String name, String document, int maxTotal,
                                         String entityType, String entityName) {
        IamNames.requireName(name, "policyName");
        PolicyDocuments.validate(document, PolicyParser.Kind.IDENTITY);
        Map<String, String> updated = new LinkedHashMap<>(current);
        updated.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        updated.put(name, document);
        int total = updated.values().stream().mapToInt(PolicyDocuments::size).sum();
        if (total > maxTotal) {
            throw IamErrors.LIMIT_EXCEEDED.exception("Maximum policy size of " + maxTotal + " bytes exceeded for " + entityType + " "
                    + entityName);
        }
        return updated;
    }

    /** The inline policy {@code name}; its actual spelling may differ in case. */
    static Map.Entry<String, String> inline(Map<String, String> current, String name, String entityType) {
        return current.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("The " + entityType + " policy with name " + name
                        + " cannot be found."));
    }

    static Map<String, String> deleteInline(Map<String, String> current, String name, String entityType) {
        Map.Entry<String, String> existing = inline(current, name, entityType);
        Map<String, String> updated = new LinkedHashMap<>(current);
        updated.remove(existing.getKey());
        return updated;
    }

    /** The managed policy an Attach call names, if it exists and this account may attach it. */
    static ManagedPolicy attachable(IamRecords iam, String accountId, String arn) {
        if (!arn.startsWith("arn:")) {
            throw IamErrors.INVALID_INPUT.exception("ARN " + arn + " is not valid.");
        }
        return iam.managedPolicy(arn)
                .filter(p -> p.awsManaged() || p.accountId().equals(accountId))
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("Policy " + arn + " does not exist or is not attachable."));
    }

    static List<String> attach(List<String> current, String arn, String quotaName) {
        if (current.contains(arn)) {
            return current;
        }
        if (current.size() >= MAX_ATTACHED) {
            throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for " + quotaName + ": " + MAX_ATTACHED);
        }
        List<String> updated = new ArrayList<>(current);
        updated.add(arn);
        return updated;
    }

    static List<String> detach(List<String> current, String arn) {
        if (!current.contains(arn)) {
            throw IamErrors.policyNotFound(arn);
        }
        List<String> updated = new ArrayList<>(current);
        updated.remove(arn);
        return updated;
    }

    /** Attached policies whose path starts with {@code pathPrefix}, resolved, by ARN; deleted ones are left out. */
    static List<ManagedPolicy> resolve(IamRecords iam, List<String> arns, String pathPrefix) {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        return arns.stream().map(iam::managedPolicy).flatMap(java.util.Optional::stream)
                .filter(p -> p.path().startsWith(prefix))
                .sorted(java.util.Comparator.comparing(ManagedPolicy::arn)).toList();
    }
}
