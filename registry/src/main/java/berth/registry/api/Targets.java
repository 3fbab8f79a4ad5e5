package berth.registry.api;

import berth.aws.RequestContext;
import berth.registry.content.RegistryException;
import berth.registry.content.RepositoryAccess;
import berth.registry.core.Names;
import berth.registry.core.RepositoryId;
import berth.registry.core.RepositoryPolicy;

/**
 * The repository an ECR call is aimed at: {@code registryId} (the caller's account when absent),
 * the caller's region, and the repository name; a call into another account's registry must be
 * allowed by that repository's policy.
 */
final class Targets {
    private final RepositoryAccess access;

    Targets(RepositoryAccess access) {
        this.access = access;
    }

    RepositoryId repository(RequestContext ctx, String registryId, String name) {
        if (!Names.validRepository(name)) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                    + "'must satisfy regular expression '" + Names.REPOSITORY_PATTERN + "''");
        }
        RepositoryId id = new RepositoryId(registry(ctx, registryId), ctx.region(), name);
        try {
            access.check(principal(ctx), id, "ecr:" + ctx.operation());
        } catch (RegistryException e) {
            throw EcrErrors.from(e);
        }
        return id;
    }

    /** The registry (account) a call names; only the caller's own may be written outside repository policies. */
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
