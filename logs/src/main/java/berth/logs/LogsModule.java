package berth.logs;

import berth.logs.api.LogsService;
import berth.logs.state.LogRecords;
import berth.logs.storage.LogStorage;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.time.Duration;
import java.util.List;

/**
 * CloudWatch Logs: groups and streams in the store, events in segment storage under
 * {@code home/logs}, retention applied by a background loop. The sweep interval is
 * {@code BERTH_LOGS_RETENTION_SWEEP_SECONDS} (default 60); a retention change runs a sweep at once.
 */
public final class LogsModule implements PlatformModule {
    private LogStorage storage;
    private RetentionLoop retention;

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of("logs.");
    }

    @Override
    public void start(Platform platform) {
        storage = new LogStorage(platform.home().resolve("logs"));
        LogRecords records = new LogRecords(platform.store());
        retention = new RetentionLoop(records, storage, platform.clock(), sweepInterval());
        platform.addAwsService(new LogsService(records, storage, platform.clock(), retention::wake));
        retention.start();
    }

    private static Duration sweepInterval() {
        String configured = System.getenv("BERTH_LOGS_RETENTION_SWEEP_SECONDS");
        try {
            return Duration.ofSeconds(configured == null ? 60 : Math.max(1, Long.parseLong(configured.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(60);
        }
    }

    @Override
    public void reset() throws Exception {
        if (storage != null) storage.clear();
    }

    @Override
    public void stop() {
        if (retention != null) retention.close();
        if (storage != null) storage.close();
    }
}
