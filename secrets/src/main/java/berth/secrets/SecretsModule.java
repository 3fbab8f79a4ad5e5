package berth.secrets;

import berth.iam.RequestResources;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.secrets.keys.SealingKey;
import berth.secrets.manager.SecretDeletionLoop;
import berth.secrets.manager.api.SecretsManagerService;
import berth.secrets.manager.state.SecretRecords;
import berth.secrets.ssm.api.SsmService;
import berth.secrets.ssm.state.ParameterRecords;
import berth.secrets.ssm.state.PublicParameterTable;
import java.time.Duration;
import java.util.List;

/**
 * Secrets Manager and SSM Parameter Store (tasks' agents read them through the API, signed as the
 * task's execution role). Publishes {@link PublicParameters}, where other modules define the
 * parameters of {@code /aws/service/}. Secrets whose
 * recovery window has passed are deleted by a loop every {@code BERTH_SECRETS_SWEEP_SECONDS} (default 60).
 */
public final class SecretsModule implements PlatformModule {
    private SealingKey key;
    private SecretDeletionLoop deletions;

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of("secrets.");
    }

    @Override
    public void start(Platform platform) {
        key = new SealingKey(platform.store());
        SecretRecords secrets = new SecretRecords(platform.store(), key);
        ParameterRecords parameters = new ParameterRecords(platform.store(), key);
        platform.addAwsService(new SecretsManagerService(secrets, platform.clock()));
        PublicParameterTable publicParameters = new PublicParameterTable();
        platform.addAwsService(new SsmService(parameters, publicParameters, platform.clock()));
        platform.publish(PublicParameters.class, publicParameters);
        platform.lookup(RequestResources.class).ifPresent(table -> SecretResources.register(table, secrets));
        deletions = new SecretDeletionLoop(secrets, platform.clock(), sweepInterval());
        deletions.start();
    }

    private static Duration sweepInterval() {
        String configured = System.getenv("BERTH_SECRETS_SWEEP_SECONDS");
        try {
            return Duration.ofSeconds(configured == null ? 60 : Math.max(1, Long.parseLong(configured.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(60);
        }
    }

    @Override
    public void reset() {
        if (key != null) key.forget();
    }

    @Override
    public void stop() {
        if (deletions != null) deletions.close();
        if (key != null) key.close();
    }
}
