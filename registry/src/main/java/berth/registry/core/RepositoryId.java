package berth.registry.core;

import berth.aws.Scope;

/** Names one repository: the scope (registry account and region) it lives in and its name. */
public record RepositoryId(Scope scope, String name) {
    /** The store key of the repository, {@code account/region/name}. */
    public String key() {
        return scope.key(name);
    }

    /** The registry (account) the repository belongs to. */
    public String accountId() {
        return scope.accountId();
    }

    public String region() {
        return scope.region();
    }

    public String arn() {
        return scope.arn("ecr", "repository/" + name);
    }

    /** The repository whose store key is {@code key} ({@link #key()}). */
    public static RepositoryId ofKey(String key) {
        Scope scope = Scope.ofKey(key);
        return new RepositoryId(scope, key.substring(scope.prefix().length()));
    }

    public static RepositoryId of(Repository repository) {
        return new RepositoryId(repository.scope(), repository.name());
    }
}
