package berth.registry.content;

import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.core.RepositoryPolicy;
import berth.registry.state.RegistryRecords;

import java.util.Optional;

/**
 * Who may act on a repository: its own account always; another account only as the repository's
 * policy allows. Regions never mix: a caller acts on repositories of the region it is in.
 */
public final class RepositoryAccess {
    private final RegistryRecords records;

    public RepositoryAccess(RegistryRecords records) {
        this.records = records;
    }

    /**
     * @param action the ECR action, e.g. {@code ecr:BatchGetImage}
     * @throws RegistryException {@code ACCESS_DENIED} when another account's caller is not allowed
     */
    public void check(RepositoryPolicy.Principal principal, RepositoryId target, String action) {
        if (principal.accountId().equals(target.accountId())) return;
        Optional<Repository> repository = records.repository(target).map(RegistryRecords.Versioned::value);
        boolean allowed = repository.filter(r -> !r.policyText().isEmpty())
                .map(r -> RepositoryPolicy.parse(r.policyText()).allows(principal, action))
                .orElse(false);
        if (!allowed) {
            throw new RegistryException(RegistryException.Failure.ACCESS_DENIED, "User: " + principal.arn()
                    + " is not authorized to perform: " + action + " on resource: " + target.arn());
        }
    }
}
