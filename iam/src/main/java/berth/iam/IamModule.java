package berth.iam;

import berth.iam.api.IamService;
import berth.iam.api.PolicyAuthorizer;
import berth.iam.api.ResourceTable;
import berth.iam.api.StsService;
import berth.iam.core.IamIds;
import berth.iam.state.IamRecords;
import berth.iam.state.PrincipalPolicies;
import berth.iam.state.SessionIssuer;
import berth.iam.state.SessionRecords;
import berth.iam.state.StoredCredentials;
import berth.iam.state.StoredInstanceProfiles;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.store.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Identities: IAM users, roles, managed policies, instance profiles and access keys; STS role
 * sessions; the policy authorizer every non-root call passes. Starts first: the other modules'
 * callers sign with it.
 * Publishes {@link RoleCredentialsIssuer}, {@link RequestResources}, {@link InstanceProfiles} and {@link PassRoleCheck}.
 */
public final class IamModule implements PlatformModule {
    private static final Logger LOG = LoggerFactory.getLogger(IamModule.class);
    private static final Duration SESSION_SWEEP_INTERVAL = Duration.ofMinutes(10);
    /**
     * How long an expired session is kept: its callers then hear ExpiredToken, which makes SDKs
     * refresh their credentials, rather than of an unknown key.
     */
    private static final Duration EXPIRED_SESSION_RETENTION = Duration.ofHours(12);

    private final List<Subscription> subscriptions = new ArrayList<>();
    private StoredCredentials credentials;
    private PrincipalPolicies principals;
    private ScheduledExecutorService sweeper;

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of("iam.", "sts.");
    }

    @Override
    public void start(Platform platform) {
        Runnable changed = this::invalidateCaches;
        IamRecords iam = new IamRecords(platform.store(), changed);
        SessionRecords sessions = new SessionRecords(platform.store(), changed);
        IamIds ids = new IamIds(new SecureRandom());
        credentials = new StoredCredentials(iam, sessions);
        principals = new PrincipalPolicies(iam, sessions);
        SessionIssuer issuer = new SessionIssuer(sessions, ids, platform.clock());
        ResourceTable resources = new ResourceTable(iam);

        subscriptions.add(platform.store().watch("iam.", change -> invalidateCaches()));
        subscriptions.add(platform.store().watch("sts.", change -> invalidateCaches()));
        platform.addCredentials(credentials);
        platform.addAwsService(new StsService(iam, sessions, principals, issuer, platform.clock()));
        platform.addAwsService(new IamService(iam, ids, platform.clock()));
        PolicyAuthorizer authorizer = new PolicyAuthorizer(principals, resources, platform.clock());
        platform.setAuthorizer(authorizer);
        platform.publish(PassRoleCheck.class, authorizer);
        platform.publish(RoleCredentialsIssuer.class, new ServiceRoleSessions(iam, issuer, platform.clock()));
        platform.publish(RequestResources.class, resources);
        platform.publish(InstanceProfiles.class, new StoredInstanceProfiles(iam));

        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "iam-session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> sweepExpiredSessions(sessions, platform), SESSION_SWEEP_INTERVAL.toSeconds(),
                SESSION_SWEEP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    /** Long-expired role sessions can never sign again; removing them keeps the store small. */
    private static void sweepExpiredSessions(SessionRecords sessions, Platform platform) {
        try {
            int removed = sessions.deleteExpiredBefore(platform.clock().instant().minus(EXPIRED_SESSION_RETENTION));
            if (removed > 0) {
                LOG.info("removed {} expired role sessions", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not remove expired role sessions", e);
        }
    }

    private void invalidateCaches() {
        if (credentials != null) {
            credentials.invalidate();
        }
        if (principals != null) {
            principals.invalidate();
        }
    }

    @Override
    public void reset() {
        invalidateCaches();
    }

    @Override
    public void stop() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
