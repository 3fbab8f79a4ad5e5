package berth.registry;

import berth.registry.auth.RegistryTokens;

import berth.aws.sigv4.SigV4Verifier;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.platform.WakeableLoop;
import berth.registry.api.EcrService;
import berth.registry.auth.HmacRegistryTokens;
import berth.registry.blob.BlobStore;
import berth.registry.blob.BlobStores;
import berth.registry.content.BlobCollector;
import berth.registry.content.Images;
import berth.registry.content.Layers;
import berth.registry.content.LifecycleRunner;
import berth.registry.content.ReplicationIntake;
import berth.registry.content.ReplicationRunner;
import berth.registry.oci.DistributionService;
import berth.registry.oci.RegistryAdminEndpoints;
import berth.registry.state.RegistryRecords;
import berth.registry.state.RegistrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Images: ECR's API and an OCI distribution registry on {@code /v2/} of the same endpoint, over one
 * content-addressed blob store (under {@code <home>/registry}, or in an S3 bucket when
 * {@code BERTH_REGISTRY_S3_BUCKET} is set: see {@link BlobStores}) and metadata in the store (kinds
 * {@code ecr.*}). Two background loops: lifecycle policies (every
 * {@code BERTH_REGISTRY_LIFECYCLE_INTERVAL_SECONDS}, default 300) and the collector of unreferenced
 * blobs (every {@code BERTH_REGISTRY_GC_INTERVAL_SECONDS}, default 3600, sparing blobs used within
 * {@code BERTH_REGISTRY_GC_GRACE_SECONDS}, default 3600, and dropping uploads idle for
 * {@code BERTH_REGISTRY_UPLOAD_EXPIRY_SECONDS}, default 86400). A third loop copies pushed images
 * to the registries their registry's replication configuration names, woken by every push that
 * asks for it.
 */
public final class RegistryModule implements PlatformModule {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryModule.class);

    private BlobStore blobs;
    private LifecycleRunner lifecycle;
    private ScheduledExecutorService loops;
    private WakeableLoop replicationLoop;

    @Override
    public String name() {
        return "ecr";
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of("ecr.");
    }

    @Override
    public void start(Platform platform) throws Exception {
        Path home = platform.home().resolve("registry");
        var clock = platform.clock();
        blobs = BlobStores.open(platform, home);
        HmacRegistryTokens tokens = new HmacRegistryTokens(HmacRegistryTokens.loadOrCreateKey(home.resolve("token.key")),
                clock, () -> platform.endpoint().toString());
        RegistryRecords records = new RegistryRecords(platform.store());
        RegistrySettings settings = new RegistrySettings(platform.store());
        Images images = new Images(records, blobs, clock, new ReplicationIntake(settings, clock));
        Layers layers = new Layers(records, blobs, clock);
        lifecycle = new LifecycleRunner(records, images, clock);
        BlobCollector collector = new BlobCollector(records, blobs, clock,
                Duration.ofSeconds(setting("BERTH_REGISTRY_GC_GRACE_SECONDS", 3600)),
                Duration.ofSeconds(setting("BERTH_REGISTRY_UPLOAD_EXPIRY_SECONDS", 86_400)));

        platform.addAwsService(new EcrService(records, settings, images, layers, lifecycle, tokens, clock,
                () -> platform.endpoint().toString()));
        platform.addHttpService("/v2/", new DistributionService(records, images, layers, tokens,
                () -> platform.endpoint().toString() + "/"));
        platform.addHttpService("/_berth/registry/", RegistryAdminEndpoints.of(
                new SigV4Verifier(platform.credentials(), clock), collector, lifecycle));

        loops = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "berth-registry-loops");
            thread.setDaemon(true);
            return thread;
        });
        long lifecycleEvery = Math.max(1, setting("BERTH_REGISTRY_LIFECYCLE_INTERVAL_SECONDS", 300));
        long gcEvery = Math.max(1, setting("BERTH_REGISTRY_GC_INTERVAL_SECONDS", 3600));
        loops.scheduleWithFixedDelay(() -> run("lifecycle policies", lifecycle::applyAll), lifecycleEvery, lifecycleEvery, TimeUnit.SECONDS);
        loops.scheduleWithFixedDelay(() -> run("blob collection", collector::collect), gcEvery, gcEvery, TimeUnit.SECONDS);
        ReplicationRunner replication = new ReplicationRunner(records, settings, blobs, clock);
        replicationLoop = new WakeableLoop("berth-registry-replication", platform.store(), clock,
                List.of(RegistrySettings.IMAGE_REPLICATION), Duration.ofMillis(20), replication::pass);
        replicationLoop.start();
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }

    private static void run(String what, Work work) {
        try {
            work.run();
        } catch (Exception | Error e) {
            LOG.warn("registry {} failed: {}", what, e.toString());
        }
    }

    private static long setting(String name, long fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a number of seconds; using {}", name, value, fallback);
            return fallback;
        }
    }

    @Override
    public void reset() throws Exception {
        if (blobs != null) blobs.clear();
        if (lifecycle != null) lifecycle.forget();
    }

    @Override
    public void stop() {
        if (loops != null) loops.shutdownNow();
        if (replicationLoop != null) replicationLoop.close();
    }
}
