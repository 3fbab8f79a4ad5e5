package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.registry.content.RegistryException;
import berth.registry.content.RepositoryAccess;
import berth.registry.core.Names;
import berth.registry.core.RepositoryId;
import berth.registry.core.RepositoryPolicy;
import berth.registry.state.RegistryRecords;

/**
 * The repository an ECR call is aimed at: the registry {@code registryId} names (the caller's
 * account when absent) in the caller's region, and the repository name. Every operation on an existing repository answers
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
        return repository(ctx, registry(ctx, registryId), name);
    }

    /** An existing repository of {@code registry} the caller may do the call's operation on. */
    RepositoryId repository(RequestContext ctx, Scope registry, String name) {
        RepositoryId id = named(registry, name);
        if (records.repository(id).isEmpty()) throw EcrErrors.repositoryNotFound(id);
        try {
            access.check(principal(ctx), id, "ecr:" + ctx.operation());
        } catch (RegistryException e) {
            throw EcrErrors.of(e);
        }
        return id;
    }

    /** A repository about to be created, in the caller's own registry. */
    RepositoryId newRepository(RequestContext ctx, String registryId, String name) {
        return named(ownRegistry(ctx, registryId), name);
    }

    static RepositoryId named(Scope registry, String name) {
        if (!Names.validRepository(name)) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                    + "'must satisfy regular expression '" + Names.REPOSITORY_PATTERN + "''");
        }
        return new RepositoryId(registry, name);
    }

    /** The registry a call names: the account {@code registryId} names (the caller's when absent) in the caller's region. */
    static Scope registry(RequestContext ctx, String registryId) {
        Scope own = ctx.scope();
        if (registryId == null || registryId.isEmpty()) return own;
        if (!registryId.matches("[0-9]{12}")) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'registryId' failed to satisfy constraint: "
                    + "'must satisfy regular expression '[0-9]{12}''");
        }
        return new Scope(registryId, own.region());
    }

    /** The caller's own registry, for operations no repository policy can open to others. */
    static Scope ownRegistry(RequestContext ctx, String registryId) {
        return ownRegistry(ctx, registry(ctx, registryId));
    }

    static Scope ownRegistry(RequestContext ctx, Scope registry) {
        if (!registry.equals(ctx.scope())) {
            throw EcrErrors.ACCESS_DENIED.exception("User: " + ctx.caller().identity().arn()
                    + " is not authorized to perform: ecr:" + ctx.operation() + " on registry " + registry.accountId());
        }
        return registry;
    }

    static RepositoryPolicy.Principal principal(RequestContext ctx) {
        return new RepositoryPolicy.Principal(ctx.accountId(), ctx.caller().identity().arn());
    }
}
