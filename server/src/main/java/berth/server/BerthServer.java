package berth.server;

import berth.aws.AwsDispatcher;
import berth.aws.AwsService;
import berth.ecs.api.EcsService;
import berth.iam.AccountCredentials;
import berth.iam.api.StsService;
import berth.store.Store;
import berth.store.Stores;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running platform: state, services and the one HTTP endpoint, started and stopped together. */
public final class BerthServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BerthServer.class);

    private final Config config;
    private final Store store;
    private final Server http;
    private final HealthEndpoint health;
    private final List<AwsService> services;

    private BerthServer(Config config, Store store, Server http, HealthEndpoint health, List<AwsService> services) {
        this.config = config;
        this.store = store;
        this.http = http;
        this.health = health;
        this.services = services;
    }

    /** Opens the store, wires every service and starts listening; returns once requests are served. */
    public static BerthServer start(Config config) throws Exception {
        Files.createDirectories(config.home());
        Store store = Stores.open(config.storeSpec(), config.home().resolve("state"));
        try {
            AccountCredentials credentials = new AccountCredentials(config.accountId());
            List<AwsService> services = List.of(new StsService(), new EcsService(store, Clock.systemUTC()));
            AwsDispatcher dispatcher = new AwsDispatcher(services, credentials, Clock.systemUTC());
            RequestMetrics metrics = new RequestMetrics();
            Map<String, String> states = new LinkedHashMap<>();
            services.forEach(s -> states.put(s.model().name(), "running"));
            HealthEndpoint health = new HealthEndpoint(BuildInfo.version(), () -> states);

            Server http = Server.builder()
                    .http(new InetSocketAddress(config.bindAddress(), config.port()))
                    .maxRequestLength(0)
                    .requestTimeout(Duration.ofMinutes(10))
                    .idleTimeout(Duration.ofMinutes(2))
                    .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(5))
                    .service("/_berth/health", (ctx, req) -> health.serve())
                    .service("/_berth/metrics", (ctx, req) ->
                            HttpResponse.of(MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), metrics.scrape()))
                    .serviceUnder("/", new AwsEndpoint(dispatcher, metrics, config.maxBodyBytes()))
                    .build();
            http.start().join();
            BerthServer server = new BerthServer(config, store, http, health, services);
            health.markReady();
            server.runReadyHooks();
            LOG.info("berth ready on {} (account {}, store {})", server.endpoint(), config.accountId(),
                    config.storeSpec().isEmpty() ? "embedded " + config.home().resolve("state") : "postgresql");
            return server;
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    private void runReadyHooks() {
        var hooks = InitHooks.find(config.readyHookDirs());
        if (hooks.isEmpty()) return;
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL", endpoint(),
                "AWS_ACCESS_KEY_ID", AccountCredentials.DEFAULT_ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", AccountCredentials.DEFAULT_SECRET,
                "AWS_DEFAULT_REGION", config.region(),
                "AWS_REGION", config.region(),
                "BERTH_ACCOUNT_ID", config.accountId());
        Thread runner = new Thread(() -> InitHooks.run(hooks, env), "berth-init-hooks");
        runner.setDaemon(true);
        runner.start();
    }

    public int port() {
        return http.activeLocalPort();
    }

    public String endpoint() {
        String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
        return "http://" + host + ":" + port();
    }

    public Config config() {
        return config;
    }

    public Path home() {
        return config.home();
    }

    public List<AwsService> services() {
        return services;
    }

    @Override
    public void close() {
        LOG.info("berth stopping");
        http.stop().join();
        store.close();
        LOG.info("berth stopped");
    }
}
