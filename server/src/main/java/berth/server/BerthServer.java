package berth.server;

import berth.aws.AwsDispatcher;
import berth.iam.AccountCredentials;
import berth.platform.PlatformModule;
import berth.store.Store;
import berth.store.Stores;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The running platform: the store, every {@link PlatformModule} on the classpath and the one HTTP
 * endpoint, started and stopped together. The endpoint listens first (so modules know its address),
 * then modules start, then the AWS dispatcher is built from what they registered and berth is ready.
 */
public final class BerthServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BerthServer.class);

    private final Config config;
    private final Store store;
    private final Server http;
    private final List<PlatformModule> modules;
    private final URI endpoint;
    private final Resetter resetter;

    private BerthServer(Config config, Store store, Server http, List<PlatformModule> modules, URI endpoint,
                        Resetter resetter) {
        this.config = config;
        this.store = store;
        this.http = http;
        this.modules = modules;
        this.endpoint = endpoint;
        this.resetter = resetter;
    }

    /**
     * Wipes the state of the named services (all when empty) in every account and region, and what
     * they run (containers, sockets, files); returns the services reset.
     */
    public List<String> reset(java.util.Collection<String> services) throws Exception {
        return resetter.reset(services);
    }

    /** Opens the store, starts listening, starts every module; returns once berth is ready. */
    public static BerthServer start(Config config) throws Exception {
        Files.createDirectories(config.home());
        Store store = Stores.open(config.storeSpec(), config.home().resolve("state"));
        Server http = null;
        List<PlatformModule> started = new ArrayList<>();
        try {
            Clock clock = Clock.systemUTC();
            AccountCredentials accounts = new AccountCredentials(config.accountId());
            List<PlatformModule> found = discoverModules();
            for (String name : config.disabledServices()) {
                if (found.stream().noneMatch(m -> m.name().equals(name))) {
                    throw new IllegalArgumentException("BERTH_DISABLE names unknown service " + name);
                }
            }
            if (config.disabledServices().contains("iam")) {
                throw new IllegalArgumentException("iam cannot be disabled: every request is signed against it");
            }
            Map<String, String> states = new LinkedHashMap<>();
            found.forEach(m -> states.put(m.name(), config.disabledServices().contains(m.name()) ? "disabled" : "available"));
            List<PlatformModule> modules = found.stream().filter(m -> !config.disabledServices().contains(m.name())).toList();
            RequestMetrics metrics = new RequestMetrics();
            HealthEndpoint health = new HealthEndpoint(BuildInfo.version(), () -> Map.copyOf(states));
            AwsEndpoint aws = new AwsEndpoint(metrics, config.maxBodyBytes());
            PrefixRoutes routes = new PrefixRoutes(aws);
            Resetter resetter = new Resetter(store, modules);
            AdminEndpoints admin = new AdminEndpoints(config, store, modules, resetter, accounts, clock);

            http = Server.builder()
                    .http(new InetSocketAddress(config.bindAddress(), config.port()))
                    .maxRequestLength(0)
                    // bodies (image layers) arrive in as large pieces as the socket gives, not 8 KiB ones
                    .http1MaxChunkSize(1 << 20)
                    .requestTimeout(Duration.ofMinutes(10))
                    .idleTimeout(Duration.ofMinutes(2))
                    .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(5))
                    .service("/_berth/health", (ctx, req) -> health.serve())
                    .service("/_berth/metrics", (ctx, req) ->
                            HttpResponse.of(MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), metrics.scrape()))
                    .service("/_berth/reset", admin.reset())
                    .service("/_berth/state", admin.state())
                    .serviceUnder("/", routes)
                    .build();
            http.start().join();
            String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
            URI endpoint = URI.create("http://" + host + ":" + http.activeLocalPort());

            PlatformHost platform = new PlatformHost(config, store, clock, endpoint, accounts, routes);
            for (PlatformModule module : modules) {
                long moduleStart = System.nanoTime();
                module.start(platform);
                LOG.debug("module {} started in {} ms", module.name(), (System.nanoTime() - moduleStart) / 1_000_000);
                started.add(module);
                states.put(module.name(), "running");
            }
            aws.serve(new AwsDispatcher(platform.awsServices(), platform.credentials(), clock, platform::authorizer));
            started.forEach(PlatformModule::awaitReady);
            BerthServer server = new BerthServer(config, store, http, List.copyOf(started), endpoint, resetter);
            health.markReady();
            LOG.info("berth ready on {} (account {}, store {}, modules {})", endpoint, config.accountId(),
                    config.storeSpec().isEmpty() ? "embedded " + config.home().resolve("state") : "postgresql",
                    states.keySet());
            server.runReadyHooks();
            return server;
        } catch (Exception | Error e) {
            stopModules(started);
            if (http != null) http.stop().join();
            store.close();
            throw e;
        }
    }

    private static List<PlatformModule> discoverModules() {
        List<PlatformModule> modules = new ArrayList<>();
        ServiceLoader.load(PlatformModule.class).forEach(modules::add);
        modules.sort(Comparator.comparingInt(PlatformModule::order).thenComparing(PlatformModule::name));
        return modules;
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
        return endpoint.getPort();
    }

    public String endpoint() {
        return endpoint.toString();
    }

    public URI endpointUri() {
        return endpoint;
    }

    public Config config() {
        return config;
    }

    public List<String> moduleNames() {
        return modules.stream().map(PlatformModule::name).toList();
    }

    @Override
    public void close() {
        LOG.info("berth stopping");
        http.stop().join();
        stopModules(modules);
        store.close();
        LOG.info("berth stopped");
    }

    private static void stopModules(List<PlatformModule> modules) {
        for (int i = modules.size() - 1; i >= 0; i--) {
            try {
                modules.get(i).stop();
            } catch (Exception e) {
                LOG.warn("module {} did not stop cleanly: {}", modules.get(i).name(), e.toString());
            }
        }
    }
}
