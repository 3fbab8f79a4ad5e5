package berth.registry.api;

import berth.aws.RequestContext;
import berth.registry.content.RegistryException;
import berth.registry.content.RepositoryAccess;
import berth.registry.core.Names;
import berth.registry.core.RepositoryId;
import berth.registry.core.RepositoryPolicy;
import berth.registry.state.RegistryRecords;

/**
 * The repository an ECR call is aimed at: {@code registryId} (the caller's account when absent),
 * the caller's region, and the repository name. Every operation on an existing repository answers
 * RepositoryNotFoundException for a missing one, whoever asks, before anything else about the
 * request is judged; a call into another account's registry must then be allowed by that
 * repository's policy.
 */
final class Targets {
    private final RegistryRecords records;
    private final RepositoryAccess access;

    Targets(RegistryRecords records, RepositoryAccess access) {
        this.records = records;
        this.access = access;
    }

    /** An existing repository the caller may do the call's operation on. */
    RepositoryId repository(RequestContext ctx, String registryId, String name) {
        RepositoryId id = named(ctx, registry(ctx, registryId), name);
        if (records.repository(id).isEmpty()) throw EcrErrors.repositoryNotFound(id);
        try {
            access.check(principal(ctx), id, "ecr:" + ctx.operation());
        } catch (RegistryException e) {
            throw EcrErrors.from(e);
        }
        return id;
    }

    /** A repository about to be created, in the caller's own registry. */
    RepositoryId newRepository(RequestContext ctx, String registryId, String name) {
        return named(ctx, ownRegistry(ctx, registryId), name);
    }

    static RepositoryId named(RequestContext ctx, String registry, String name) {
        if (!Names.validRepository(name)) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                    + "'must satisfy regular expression '" + Names.REPOSITORY_PATTERN + "''");
        }
        return new RepositoryId(registry, ctx.region(), name);
    }

    /** The registry (account) a call names. */
    static String registry(RequestContext ctx, String registryId) {
        if (registryId == null || registryId.isEmpty()) return ctx.accountId();
        if (!registryId.matches("[0-9]{12}")) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'registryId' failed to satisfy constraint: "
                    + "'must satisfy regular expression '[0-9]{12}''");
        }
        return registryId;
    }

    /** The caller's own registry, for operations no repository policy can open to others. */
    static String ownRegistry(RequestContext ctx, String registryId) {
        String registry = registry(ctx, registryId);
        if (!registry.equals(ctx.accountId())) {
            throw new berth.aws.AwsException(400, "AccessDeniedException", "User: " + ctx.caller().identity().arn()
                    + " is not authorized to perform: ecr:" + ctx.operation() + " on registry " + registry);
        }
        return registry;
    }

    static RepositoryPolicy.Principal principal(RequestContext ctx) {
        return new RepositoryPolicy.Principal(ctx.accountId(), ctx.caller().identity().arn());
    }
}
