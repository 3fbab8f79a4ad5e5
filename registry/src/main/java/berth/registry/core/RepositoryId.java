package berth.registry.core;

/** Names one repository: its account, region and name. */
public record RepositoryId(String accountId, String region, String name) {
    /** The store key of the repository, {@code account/region/name}. */
    public String key() {
        return accountId + "/" + region + "/" + name;
    }

    public String arn() {
        return "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + name;
    }

    public static RepositoryId of(Repository repository) {
        return new RepositoryId(repository.accountId(), repository.region(), repository.name());
    }
}
