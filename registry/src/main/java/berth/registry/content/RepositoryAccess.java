package berth.registry.content;

import berth.platform.RecordTable;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.core.RepositoryPolicy;
import berth.registry.state.RegistryRecords;

/**
 * Who may act on a repository: its own account always; another account only as the repository's
 * policy allows. A repository that does not exist is reported as missing to other accounts too,
 * before any policy, as ECR does. Regions never mix: a caller acts on repositories of the region it
 * is in.
 */
public final class RepositoryAccess {
    private final RegistryRecords records;

    public RepositoryAccess(RegistryRecords records) {
        this.records = records;
    }

    /**
     * @param action the ECR action, e.g. {@code ecr:BatchGetImage}
     * @throws RegistryException {@code REPOSITORY_NOT_FOUND} when another account's repository does
     *     not exist (the caller's own are checked by the operation itself), {@code ACCESS_DENIED} when
     *     another account's caller is not allowed
     */
    public void check(RepositoryPolicy.Principal principal, RepositoryId target, String action) {
        if (principal.accountId().equals(target.accountId())) return;
        Repository repository = records.repository(target).map(RecordTable.Versioned::value)
                .orElseThrow(() -> RegistryException.repositoryNotFound(target));
        boolean allowed = !repository.policyText().isEmpty()
                && RepositoryPolicy.parse(repository.policyText()).allows(principal, action);
        if (!allowed) {
            throw new RegistryException(RegistryException.Failure.ACCESS_DENIED, "User: " + principal.arn()
                    + " is not authorized to perform: " + action + " on resource: " + target.arn());
        }
    }
}
