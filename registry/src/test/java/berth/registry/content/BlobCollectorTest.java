package berth.registry.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.store.testing.ManualClock;
import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.RepositoryId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCollectorTest {
    @TempDir
    Path dir;

    @Test
    void collectsUnreferencedBlobsPastTheGracePeriodAndTheirLinks() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (RegistryFixture registry = new RegistryFixture(dir, clock)) {
            RepositoryId app = registry.repository("app");
            Random random = new Random(1);
            byte[] config = RegistryFixture.random(100, random);
            byte[] layer = RegistryFixture.random(5000, random);
            Digest configDigest = registry.push(app, config);
            Digest layerDigest = registry.push(app, layer);
            Digest garbage = registry.push(app, RegistryFixture.random(700, random));
            registry.images.put(app, RegistryFixture.manifest(configDigest, 100, List.of(layerDigest), List.of(5000)), "", "v1",
                    Optional.empty());
            var idle = registry.blobs.startUpload(app.key());
            clock.advance(Duration.ofHours(2));
            Digest young = registry.push(app, RegistryFixture.random(300, random));

            BlobCollector collector = new BlobCollector(registry.records, registry.blobs, clock, Duration.ofHours(1), Duration.ofHours(1));
            BlobCollector.Report report = collector.collect();

            assertThat(report.blobsDeleted()).isEqualTo(1);
            assertThat(report.bytesFreed()).isEqualTo(700);
            assertThat(report.linksRemoved()).isEqualTo(1);
            assertThat(report.uploadsExpired()).isEqualTo(1);
            assertThat(registry.blobs.stat(garbage)).isEmpty();
            assertThat(registry.records.layer(app, garbage.toString())).isEmpty();
            assertThat(registry.blobs.upload(idle.id())).isEmpty();
            assertThat(registry.blobs.stat(configDigest)).isPresent();
            assertThat(registry.blobs.stat(layerDigest)).isPresent();
            assertThat(registry.layers.available(app, young)).isPresent();

            // once the manifest is gone, its blobs go too (after the grace period)
            registry.images.deleteImage(app, registry.images.resolve(app, "v1").orElseThrow().digest());
            clock.advance(Duration.ofHours(2));
            assertThat(collector.collect().blobsDeleted()).isEqualTo(3);
            assertThat(registry.blobs.blobs()).isEmpty();
            assertThatThrownBy(() -> registry.images.put(app, RegistryFixture.manifest(configDigest, 100, List.of(layerDigest),
                    List.of(5000)), "", "v1", Optional.empty()))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.failure()).isEqualTo(RegistryException.Failure.LAYERS_MISSING));
        }
    }

    @Test
    void aCollectorRunningWithoutGraceDuringPushesNeverLeavesAManifestWithoutItsBlobs() throws Exception {
        try (RegistryFixture registry = new RegistryFixture(dir, Clock.systemUTC())) {
            RepositoryId app = registry.repository("busy");
            BlobCollector collector = new BlobCollector(registry.records, registry.blobs, Clock.systemUTC(), Duration.ZERO,
                    Duration.ofDays(1));
            AtomicBoolean pushing = new AtomicBoolean(true);
            AtomicInteger stored = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger collected = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> pushers = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int seed = t;
                    pushers.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        Digest shared = registry.push(app, "shared-base".getBytes());
                        for (int i = 0; i < 40; i++) {
                            byte[] config = RegistryFixture.random(50, random);
                            byte[] layer = RegistryFixture.random(2000, random);
                            Digest c = registry.push(app, config);
                            Digest l = registry.push(app, layer);
                            try {
                                Image image = registry.images.put(app, RegistryFixture.manifest(c, 50, List.of(shared, l),
                                        List.of(11, 2000)), "", "t" + seed, Optional.empty()).image();
                                stored.incrementAndGet();
                                if (i % 2 == 0) registry.images.deleteImage(app, image.digest());
                            } catch (RegistryException e) {
                                assertThat(e.failure()).isEqualTo(RegistryException.Failure.LAYERS_MISSING);
                                refused.incrementAndGet();
                                shared = registry.push(app, "shared-base".getBytes());
                            }
                        }
                        return null;
                    }));
                }
                Future<?> gc = pool.submit(() -> {
                    while (pushing.get()) collected.addAndGet(collector.collect().blobsDeleted());
                    return null;
                });
                for (Future<?> pusher : pushers) pusher.get();
                pushing.set(false);
                gc.get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(collected.get()).as("the collector deleted garbage while pushes ran").isPositive();
            assertThat(stored.get()).isPositive();
            for (Image image : registry.records.images(app)) {
                for (String blob : image.blobs()) {
                    assertThat(registry.blobs.stat(Digest.parse(blob).orElseThrow())).as("blob %s of %s", blob, image.digest()).isPresent();
                    assertThat(registry.records.layer(app, blob)).as("link of %s", blob).isPresent();
                }
            }
        }
    }
}
