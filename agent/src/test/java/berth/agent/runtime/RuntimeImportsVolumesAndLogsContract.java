package berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rest of the {@link Runtime} contract a task runner relies on: images made from a root filesystem
 * without a registry, images looked up without pulling, volumes found by name and label, a container's
 * output followed line by line, and interface addresses on named networks.
 */
public abstract class RuntimeImportsVolumesAndLogsContract extends RuntimeContractLifecycle {

    /** A statically linked busybox binary on the test's host. */
    protected abstract Path staticBusybox();

    @Test
    void importsAnImageFromARootFilesystemAndRunsIt() throws IOException {
        ImageRef image = ImageRef.of("berth-test/imported:" + run.id());
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Tarball.entry(tar, "bin/", 040755, new byte[0], '5');
        Tarball.entry(tar, "bin/busybox", 0100755, Files.readAllBytes(staticBusybox()), '0');
        Tarball.end(tar);
        try {
            assertThat(runtime.inspectImage(image)).isEmpty();

            ImageObservation imported = runtime.importImage(image, new ByteArrayInputStream(tar.toByteArray()));

            assertThat(runtime.inspectImage(image)).contains(imported);
            String id = run.createAndStart(ContainerSpec.builder(run.id() + "-imported", image)
                    .entryPoint("/bin/busybox", "echo", "from-import").labels(run.labels()).build());
            run.awaitStopped(id);
            assertThat(runtime.logs(id).stdout()).isEqualTo("from-import\n");
        } finally {
            run.removeContainers();
            runtime.removeImage(image);
        }
    }

    @Test
    void findsVolumesByNameAndLabel() {
        String volume = run.volume("found");

        assertThat(runtime.volumeExists(volume)).isTrue();
        assertThat(runtime.volumeExists(run.id() + "-missing")).isFalse();
        assertThat(runtime.listVolumes(Map.of(TestRun.RUN_LABEL, run.id()))).containsExactly(volume);
        assertThat(runtime.listVolumes(Map.of(TestRun.RUN_LABEL, run.id() + "-other"))).isEmpty();
    }

    @Test
    void followsAContainersOutputLineByLineUntilItStops() throws InterruptedException {
        Instant before = Instant.now().minusSeconds(1);
        String id = run.createAndStart(run.shell("chatty", "echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three")
                .build());
        List<ContainerLogLine> lines = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);

        try (EventSubscription follow = runtime.followLogs(id, before, lines::add, ended::countDown)) {
            assertThat(ended.await(15, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(lines).extracting(ContainerLogLine::text).containsExactly("one", "two", "three");
        assertThat(lines).extracting(ContainerLogLine::stream).containsExactly(ContainerLogLine.Stream.STDOUT,
                ContainerLogLine.Stream.STDERR, ContainerLogLine.Stream.STDOUT);
        assertThat(lines.get(0).timestamp()).isAfter(before).isBefore(lines.get(2).timestamp());
    }

    /**
     * A reader that starts behind a fast writer which then exits still gets every line, in order: the
     * container writes 100,000 lines and the reader starts half a second after it. Engines of the 20.10
     * line sometimes end such a followed stream at the container's exit before its tail was read (not
     * on every run, so the catch-up itself is pinned down in DockerLogFollowerTest).
     */
    @Test
    void aReaderBehindAWriterThatExitsGetsEveryLineInOrder() throws InterruptedException {
        int count = 100_000;
        String pad = "x".repeat(80);
        Instant before = Instant.now().minusSeconds(1);
        String id = run.createAndStart(run.shell("flood",
                "i=0; while [ $i -lt " + count + " ]; do echo \"line $i " + pad + "\"; i=$((i+1)); done").build());
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        sleepQuietly(Duration.ofMillis(500));

        try (EventSubscription follow = runtime.followLogs(id, before, line -> lines.add(line.text()), ended::countDown)) {
            assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(lines).hasSize(count);
        for (int i = 0; i < count; i++) {
            if (!lines.get(i).equals("line " + i + " " + pad)) {
                throw new AssertionError("line " + i + " is '" + lines.get(i) + "'");
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void reportsTheAddressAndMacOfAContainerOnANamedNetwork() {
        String network = run.network("macs", Optional.empty());
        String id = run.createAndStart(run.shell("addressed", "sleep 30").networkMode(NetworkMode.named(network))
                .stopTimeout(Duration.ZERO).build());

        ContainerObservation o = runtime.inspect(id);

        assertThat(o.ipAddresses().get(network)).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(o.macAddresses().get(network)).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    }
}
