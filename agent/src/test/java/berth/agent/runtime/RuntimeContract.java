package berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Runtime} must do, checked against a real engine. An adapter's test extends this
 * and supplies the runtime and an image with busybox's applets in {@code /bin}. The engine must run on
 * the test's host: tests reach containers over published ports and bridge addresses, and bind-mount
 * host directories.
 */
public abstract class RuntimeContract extends RuntimeContractLifecycle {

    @Test
    void servesHttpOnADynamicHostPortAndTheBridgeAddress() {
        String id = run.createAndStart(run.httpServer("web", "hello-berth").portMapping(PortMapping.dynamic(8080))
                .build());

        ContainerObservation web = runtime.inspect(id);
        assertThat(web.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(web.id()).isEqualTo(id);
        assertThat(web.name()).isEqualTo(run.id() + "-web");
        assertThat(web.startedAt()).isPresent();
        assertThat(web.exitCode()).isEmpty();
        int hostPort = web.hostPort(8080, TransportProtocol.TCP).orElseThrow();
        assertThat(hostPort).isPositive();
        assertThat(run.httpGet("http://127.0.0.1:" + hostPort + "/")).isEqualTo("hello-berth\n");
        assertThat(web.ipAddresses()).containsKey("bridge");
        assertThat(run.httpGet("http://" + web.ipAddresses().get("bridge") + ":8080/")).isEqualTo("hello-berth\n");
    }

    @Test
    void runsTheCommandWithItsEnvironmentWorkingDirectoryAndUser() {
        String id = runtime.create(run.shell("whoami", "echo \"$GREETING|$(pwd)|$(id -u):$(id -g)\"; exit 3")
                .env("GREETING", "hi there").workingDirectory("/tmp").user("65534:65534").build());
        ContainerObservation created = runtime.inspect(id);
        assertThat(created.state()).isEqualTo(ContainerState.CREATED);
        assertThat(created.startedAt()).isEmpty();
        assertThat(created.exitCode()).isEmpty();

        runtime.start(id);
        ContainerObservation exited = run.awaitStopped(id);

        assertThat(exited.state()).isEqualTo(ContainerState.EXITED);
        assertThat(exited.exitCode()).contains(3);
        assertThat(exited.finishedAt()).isPresent();
        assertThat(exited.finishedAt().get()).isAfterOrEqualTo(exited.startedAt().orElseThrow());
        assertThat(runtime.logs(id).stdout()).isEqualTo("hi there|/tmp|65534:65534\n");
    }

    @Test
    void keepsStdoutAndStderrApart() {
        String id = run.createAndStart(run.shell("streams", "echo out; echo err >&2").build());
        run.awaitStopped(id);

        assertThat(runtime.logs(id)).isEqualTo(new ContainerLogs("out\n", "err\n"));
    }

    @Test
    void stopKillsAProcessThatIgnoresSigtermOnlyAfterTheTimeout() {
        String id = run.createAndStart(run.shell("stubborn",
                "trap 'echo got-term' TERM; echo ready; while true; do sleep 0.1; done").build());
        run.awaitLog(id, "ready");
        Duration timeout = Duration.ofSeconds(2);

        long started = System.nanoTime();
        runtime.stop(id, timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(timeout.minusMillis(100)).isLessThan(timeout.plusSeconds(8));
        ContainerObservation stopped = runtime.inspect(id);
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.exitCode()).contains(137);
        assertThat(runtime.logs(id).stdout()).contains("got-term");
        runtime.stop(id, timeout);
    }

    @Test
    void stopReturnsAsSoonAsTheProcessExitsOnSigterm() {
        String id = run.createAndStart(run.shell("graceful",
                "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done").build());
        run.awaitLog(id, "ready");

        long started = System.nanoTime();
        runtime.stop(id, Duration.ofSeconds(20));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(runtime.inspect(id).exitCode()).contains(0);
        assertThat(runtime.logs(id).stdout()).contains("bye");
    }

    @Test
    void healthCheckTurnsHealthyWhenTheProbePasses() {
        HealthCheck probe = HealthCheck.Command.shell("wget -qO- http://127.0.0.1:8080/ >/dev/null")
                .withInterval(Duration.ofMillis(300)).withTimeout(Duration.ofSeconds(2)).withRetries(2);
        String id = run.createAndStart(run.httpServer("healthy", "ok").healthCheck(probe).build());

        assertThat(runtime.inspect(id).health()).isIn(HealthStatus.STARTING, HealthStatus.HEALTHY);
        run.await(id, o -> o.health() == HealthStatus.HEALTHY, Duration.ofSeconds(15), "healthy");
    }

    @Test
    void healthCheckTurnsUnhealthyAfterTheRetries() {
        HealthCheck probe = HealthCheck.Command.shell("exit 1")
                .withInterval(Duration.ofMillis(300)).withTimeout(Duration.ofSeconds(2)).withRetries(2);
        String id = run.createAndStart(run.httpServer("unhealthy", "ok").healthCheck(probe).build());
        String plain = run.createAndStart(run.httpServer("unprobed", "ok").build());

        run.await(id, o -> o.health() == HealthStatus.UNHEALTHY, Duration.ofSeconds(15), "unhealthy");
        assertThat(runtime.inspect(plain).health()).isEqualTo(HealthStatus.NONE);
    }

    @Test
    void enforcesCpuAndMemoryLimits() {
        Resources limits = new Resources(256, Resources.nanoCpusOfUnits(512), 64, 32);
        String id = run.createAndStart(run.shell("limited",
                "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes")
                .resources(limits).build());

        ContainerObservation limited = run.awaitStopped(id);
        assertThat(limited.resources()).isEqualTo(limits);
        assertThat(limited.resources().nanoCpus()).isEqualTo(500_000_000L);
        assertThat(runtime.logs(id).stdout().strip()).isEqualTo(Long.toString(64L * 1024 * 1024));
    }

    @Test
    void reportsAProcessKilledForExceedingTheMemoryLimit() {
        String id = run.createAndStart(run.shell("hungry", "head -c 64m /dev/zero | tail >/dev/null")
                .resources(new Resources(0, 0, 8, 0)).build());

        ContainerObservation killed = run.awaitStopped(id);
        assertThat(killed.oomKilled()).isTrue();
        assertThat(killed.exitCode()).contains(137);
    }

    @Test
    void listsContainersByLabelForAdoption() {
        Map<String, String> task = TestRun.with(run.labels(), BerthLabels.TASK_ARN, "arn:task/one");
        String running = run.createAndStart(run.shell("one-a", "sleep 30").labels(task).build());
        String created = runtime.create(run.shell("one-b", "sleep 30").labels(task).build());
        String other = runtime.create(run.shell("two", "sleep 30")
                .labels(TestRun.with(run.labels(), BerthLabels.TASK_ARN, "arn:task/two")).build());

        assertThat(runtime.list(task)).extracting(ContainerObservation::id).containsExactlyInAnyOrder(running, created);
        assertThat(runtime.list(TestRun.with(run.labels(), BerthLabels.TASK_ARN, "")))
                .extracting(ContainerObservation::id).containsExactlyInAnyOrder(running, created, other);
        ContainerObservation adopted = runtime.list(TestRun.with(task, BerthLabels.TASK_ARN, "arn:task/one")).stream()
                .filter(o -> o.id().equals(running)).findFirst().orElseThrow();
        assertThat(adopted.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(adopted.labels()).containsAllEntriesOf(task);
    }

    @Test
    void deliversStartDieAndOomEvents() {
        Map<String, String> labels = TestRun.with(run.labels(), "berth.test-case", "events");
        var received = new CopyOnWriteArrayList<ContainerEvent>();
        try (EventSubscription ignored = runtime.events(labels, received::add)) {
            String id = run.createAndStart(run.shell("events", "exit 7").labels(labels).build());
            String hungry = run.createAndStart(run.shell("events-oom", "head -c 64m /dev/zero | tail >/dev/null")
                    .labels(labels).resources(new Resources(0, 0, 8, 0)).build());

            var started = TestRun.awaitEvent(received, ContainerEvent.Started.class, id);
            assertThat(started.containerName()).isEqualTo(run.id() + "-events");
            assertThat(started.labels()).containsAllEntriesOf(labels);
            assertThat(TestRun.awaitEvent(received, ContainerEvent.Died.class, id).exitCode()).isEqualTo(7);
            // the kernel's OOM kill shows as exit 137; the engine reports it as an oom event and/or
            // OOMKilled in inspect (under load it sometimes drops the event, never both)
            assertThat(TestRun.awaitEvent(received, ContainerEvent.Died.class, hungry).exitCode()).isEqualTo(137);
            boolean oomEvent = received.stream().anyMatch(e -> e instanceof ContainerEvent.OutOfMemory && e.containerId().equals(hungry));
            assertThat(oomEvent || runtime.inspect(hungry).oomKilled()).as("OOM kill reported").isTrue();
        }
        String unwatched = run.createAndStart(run.shell("after", "exit 0").labels(labels).build());
        run.awaitStopped(unwatched);
        assertThat(received).noneMatch(e -> e.containerId().equals(unwatched));
    }

    @Test
    void deliversHealthEvents() {
        Map<String, String> labels = TestRun.with(run.labels(), "berth.test-case", "health-events");
        var received = new CopyOnWriteArrayList<ContainerEvent>();
        try (EventSubscription ignored = runtime.events(labels, received::add)) {
            HealthCheck probe = HealthCheck.Command.shell("true").withInterval(Duration.ofMillis(300)).withRetries(1);
            String id = run.createAndStart(run.httpServer("health-events", "ok").labels(labels).healthCheck(probe)
                    .build());

            assertThat(TestRun.awaitEvent(received, ContainerEvent.HealthChanged.class, id).status())
                    .isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void aNetworkWithReservedAddressesNeverGivesThemToContainers() {
        int octet = ThreadLocalRandom.current().nextInt(16, 250);
        String network = "berth-contract-reserving-" + octet;
        String base = "10.215." + octet + ".";
        runtime.ensureNetwork(network, base + "0/29", base + "1", List.of(base + "2", base + "3"), run.labels());
        assertThat(runtime.networkSubnets()).containsEntry(network, List.of(base + "0/29"));
        assertThat(runtime.listNetworks(run.labels())).contains(network);

        String first = run.createAndStart(run.shell("reserving-a", "sleep 30").networkMode(NetworkMode.named(network)).build());
        String second = run.createAndStart(run.shell("reserving-b", "sleep 30").networkMode(NetworkMode.named(network)).build());
        // the gateway (.1) is the host's, .2 and .3 are reserved: the first two containers get .4 and .5
        assertThat(List.of(runtime.inspect(first).ipAddresses().get(network), runtime.inspect(second).ipAddresses().get(network)))
                .containsExactlyInAnyOrder(base + "4", base + "5");
        run.removeContainers();
        runtime.removeNetwork(network);
    }

    @Test
    void connectsContainersOnANamedNetworkByAlias() {
        int octet = ThreadLocalRandom.current().nextInt(16, 250);
        String subnet = "10.213." + octet + ".0/24";
        String network = run.network("net", Optional.of(subnet));
        String networkId = runtime.ensureNetwork(network, Optional.of(subnet), run.labels());
        assertThat(runtime.ensureNetwork(network, Optional.empty(), run.labels())).isEqualTo(networkId);
        assertThatThrownBy(() -> runtime.ensureNetwork(network, Optional.of("10.214." + octet + ".0/24"), run.labels()))
                .isInstanceOf(RuntimeFailure.Conflict.class);

        String server = run.createAndStart(run.httpServer("named-web", "on-the-net")
                .networkMode(NetworkMode.named(network)).networkAliases(List.of("web")).build());
        String ip = runtime.inspect(server).ipAddresses().get(network);
        assertThat(ip).startsWith("10.213." + octet + ".");
        assertThat(run.httpGet("http://" + ip + ":8080/")).isEqualTo("on-the-net\n");

        String client = run.createAndStart(run.shell("named-client", "wget -qO- http://web:8080/")
                .networkMode(NetworkMode.named(network)).build());
        assertThat(run.awaitStopped(client).exitCode()).contains(0);
        assertThat(runtime.logs(client).stdout()).isEqualTo("on-the-net\n");

        assertThatThrownBy(() -> runtime.removeNetwork(network)).isInstanceOf(RuntimeFailure.Conflict.class);
        run.removeContainers();
        runtime.removeNetwork(network);
        runtime.removeNetwork(network);
    }

    @Test
    void sharesTheNetworkNamespaceOfAnotherContainer() {
        String server = run.createAndStart(run.httpServer("pause", "shared-namespace").build());
        String peer = run.createAndStart(run.shell("peer", "wget -qO- http://127.0.0.1:8080/")
                .networkMode(NetworkMode.containerOf(server)).build());

        assertThat(run.awaitStopped(peer).exitCode()).contains(0);
        assertThat(runtime.logs(peer).stdout()).isEqualTo("shared-namespace\n");
    }

    @Test
    void isolatesOrSharesTheHostNetwork() throws IOException {
        String none = run.createAndStart(run.shell("no-net", "cat /proc/net/dev").networkMode(NetworkMode.none())
                .build());
        String host = run.createAndStart(run.shell("host-net", "cat /proc/net/dev").networkMode(NetworkMode.host())
                .build());
        run.awaitStopped(none);
        run.awaitStopped(host);

        assertThat(TestRun.interfaces(runtime.logs(none).stdout())).containsExactly("lo");
        assertThat(TestRun.interfaces(runtime.logs(host).stdout())).isEqualTo(TestRun.hostInterfaces());
    }

    @Test
    void mountsVolumesHostDirectoriesAndTmpfs() throws IOException {
        String volume = run.volume("data");
        runtime.ensureVolume(volume, "local", Map.of(), run.labels());
        assertThatThrownBy(() -> runtime.ensureVolume(volume, "no-such-driver", Map.of(), run.labels()))
                .isInstanceOf(RuntimeFailure.Conflict.class);
        Path hostDir = run.hostDirectory();
        Files.writeString(hostDir.resolve("h"), "from-host\n");

        String writer = run.createAndStart(run.shell("writer", "echo persisted > /data/f")
                .mount(new Mount.Volume(volume, "/data", false)).build());
        assertThat(run.awaitStopped(writer).exitCode()).contains(0);
        String reader = run.createAndStart(run.shell("reader", "cat /data/f /host/h; "
                        + "touch /data/x 2>/dev/null && echo data-writable || echo data-read-only; "
                        + "touch /host/x 2>/dev/null && echo host-writable || echo host-read-only; "
                        + "grep -c ' /scratch tmpfs ' /proc/mounts")
                .mount(new Mount.Volume(volume, "/data", true))
                .mount(new Mount.Bind(hostDir.toString(), "/host", true))
                .mount(new Mount.Tmpfs("/scratch", 16)).build());

        run.awaitStopped(reader);
        assertThat(runtime.logs(reader).stdout())
                .isEqualTo("persisted\nfrom-host\ndata-read-only\nhost-read-only\n1\n");
        assertThatThrownBy(() -> runtime.removeVolume(volume)).isInstanceOf(RuntimeFailure.Conflict.class);
        run.removeContainers();
        runtime.removeVolume(volume);
        runtime.removeVolume(volume);
    }

    @Test
    void appliesInitUlimitsHostsAndAReadOnlyRootFilesystem() {
        String id = run.createAndStart(run.shell("linux", "cat /proc/1/comm; ulimit -n; hostname; "
                        + "grep berth-peer /etc/hosts | tr -s ' \\t' ' '; "
                        + "touch /probe 2>/dev/null && echo root-writable || echo root-read-only")
                .initProcessEnabled(true)
                .ulimit(new Ulimit("nofile", 1024, 2048))
                .hostname("berth-host")
                .extraHost("berth-peer", "10.9.8.7")
                .readOnlyRootFilesystem(true)
                .build());

        run.awaitStopped(id);
        assertThat(runtime.logs(id).stdout())
                .isEqualTo("docker-init\n1024\nberth-host\n10.9.8.7 berth-peer\nroot-read-only\n");
    }

    @Test
    void ensuresImagesAndReportsThoseThatCannotBePulled() {
        ImageObservation present = runtime.ensureImage(run.image(), Optional.empty());
        assertThat(present.id()).startsWith("sha256:");

        ImageRef unreachable = ImageRef.of("127.0.0.1:9/berth/absent:1");
        assertThatThrownBy(() -> runtime.ensureImage(unreachable, Optional.empty()))
                .isInstanceOfSatisfying(RuntimeFailure.ImagePullFailed.class,
                        f -> assertThat(f.image()).isEqualTo(unreachable));
        assertThatThrownBy(() -> runtime.ensureImage(unreachable,
                Optional.of(new RegistryAuth("AWS", "secret", "127.0.0.1:9"))))
                .isInstanceOf(RuntimeFailure.ImagePullFailed.class)
                .hasMessageNotContaining("secret");
        runtime.removeImage(unreachable);
    }

    @Test
    void reportsConflictsAndAbsentContainers() {
        ContainerSpec spec = run.shell("twice", "exit 0").build();
        String id = runtime.create(spec);
        assertThatThrownBy(() -> runtime.create(spec)).isInstanceOf(RuntimeFailure.Conflict.class);
        runtime.stop(id, Duration.ofSeconds(1));

        String absent = run.id() + "-absent";
        assertThatThrownBy(() -> runtime.inspect(absent)).isInstanceOf(RuntimeFailure.NotFound.class);
        assertThatThrownBy(() -> runtime.start(absent)).isInstanceOf(RuntimeFailure.NotFound.class);
        assertThatThrownBy(() -> runtime.create(ContainerSpec.builder(absent, ImageRef.of("berth-test/absent:none"))
                .labels(run.labels()).build())).isInstanceOf(RuntimeFailure.NotFound.class);
        assertThatThrownBy(() -> runtime.create(run.spec("bad-log").logConfiguration(
                new LogConfiguration("no-such-driver", Map.of())).build())).isInstanceOf(RuntimeFailure.Rejected.class);
        runtime.remove(absent);
        runtime.remove(id);
        runtime.remove(id);
        assertThatThrownBy(() -> runtime.inspect(id)).isInstanceOf(RuntimeFailure.NotFound.class);
    }

    @Test
    void reportsTheHostCapacity() {
        EngineInfo info = runtime.info();

        assertThat(info.cpus()).isPositive();
        assertThat(info.cpuUnits()).isEqualTo(1024 * info.cpus());
        assertThat(info.memoryMiB()).isPositive();
        assertThat(info.engineVersion()).isNotBlank();
        assertThat(info.osType()).isEqualTo("linux");
        assertThat(info.logDrivers()).contains(LogConfiguration.JSON_FILE);
    }
}
