package berth.agent.core;

import static berth.agent.core.Fixtures.SETTINGS;
import static berth.agent.core.Fixtures.container;
import static berth.agent.core.Fixtures.definition;
import static berth.agent.core.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import berth.agent.runtime.BerthLabels;
import berth.agent.runtime.ContainerSpec;
import berth.agent.runtime.ExtraHost;
import berth.agent.runtime.HealthCheck;
import berth.agent.runtime.ImageRef;
import berth.agent.runtime.LogConfiguration;
import berth.agent.runtime.Mount;
import berth.agent.runtime.NetworkMode;
import berth.agent.runtime.PortMapping;
import berth.agent.runtime.Resources;
import berth.agent.runtime.TransportProtocol;
import berth.agent.runtime.Ulimit;
import berth.agentwire.AddedHost;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.ContainerPort;
import berth.agentwire.DependsOn;
import berth.agentwire.DockerVolumeSettings;
import berth.agentwire.HealthProbe;
import berth.agentwire.HostDevice;
import berth.agentwire.LinuxFeatures;
import berth.agentwire.LogSettings;
import berth.agentwire.ResourceLimit;
import berth.agentwire.TaskVolume;
import berth.agentwire.TmpfsMount;
import berth.agentwire.VolumeMount;
import berth.agentwire.VolumesFromContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An assigned container becomes the engine spec field by field. */
class ContainerSpecsTest {

    private static ContainerSpec spec(AssignedTask t, String name) {
        AssignedContainer c = t.container(name).orElseThrow();
        return ContainerSpecs.of(SETTINGS, t, c, TaskResourceSplit.of(t).get(name), Map.of());
    }

    @Test
    void mapsProcessSettingsEnvironmentLabelsAndLimits() {
        AssignedContainer web = AssignedContainer.builder("web", "registry.local:5000/team/web:1.2")
                .entryPoint(List.of("/bin/sh", "-c")).command(List.of("exec httpd -f"))
                .environment(orderedMap("MODE", "prod", "AWS_REGION", "eu-west-1"))
                .workingDirectory("/srv").user("65534:65534").hostname("web1")
                .dockerLabels(Map.of("team", "a", BerthLabels.MANAGED, "spoofed"))
                .cpu(256).memoryMiB(512).memoryReservationMiB(128)
                .ulimits(List.of(new ResourceLimit("nofile", 1024, 4096)))
                .stopTimeoutSeconds(12).privileged(true).readonlyRootFilesystem(true)
                .linuxParameters(new LinuxFeatures(true, List.of(), List.of(), List.of(), 0,
                        List.of(new TmpfsMount("/run", 16)), LinuxFeatures.UNSET, LinuxFeatures.UNSET))
                .dnsServers(List.of("10.0.0.2")).extraHosts(List.of(new AddedHost("db", "10.0.0.9")))
                .build();
        AssignedTask t = task("t1", definition(web));

        ContainerSpec spec = spec(t, "web");

        assertThat(spec.name()).isEqualTo("berth-t1-web");
        assertThat(spec.image()).isEqualTo(ImageRef.of("registry.local:5000/team/web:1.2"));
        assertThat(spec.entryPoint()).containsExactly("/bin/sh", "-c");
        assertThat(spec.command()).containsExactly("exec httpd -f");
        assertThat(spec.environment()).containsEntry("MODE", "prod").containsEntry("AWS_REGION", "eu-west-1");
        assertThat(spec.workingDirectory()).isEqualTo("/srv");
        assertThat(spec.user()).isEqualTo("65534:65534");
        assertThat(spec.hostname()).isEqualTo("web1");
        assertThat(spec.labels()).containsEntry("team", "a").containsEntry(BerthLabels.MANAGED, "true")
                .containsEntry(BerthLabels.TASK_ARN, t.taskArn()).containsEntry(BerthLabels.CONTAINER_NAME, "web")
                .containsEntry(BerthLabels.INSTANCE, Fixtures.INSTANCE).containsEntry(BerthLabels.CLUSTER, Fixtures.CLUSTER)
                .containsEntry(BerthLabels.AGENT, SETTINGS.agentId());
        assertThat(spec.resources()).isEqualTo(new Resources(256, 0, 512, 128));
        assertThat(spec.ulimits()).containsExactly(new Ulimit("nofile", 1024, 4096));
        assertThat(spec.stopTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(spec.privileged()).isTrue();
        assertThat(spec.readOnlyRootFilesystem()).isTrue();
        assertThat(spec.initProcessEnabled()).isTrue();
        assertThat(spec.mounts()).containsExactly(new Mount.Tmpfs("/run", 16));
        assertThat(spec.dnsServers()).containsExactly("10.0.0.2");
        assertThat(spec.extraHosts()).containsExactly(new ExtraHost("db", "10.0.0.9"));
        assertThat(spec.networkMode()).isEqualTo(NetworkMode.bridge());
        assertThat(spec.logConfiguration()).isEqualTo(LogConfiguration.jsonFile());
    }

    @Test
    void theAssignmentsEnvironmentFillsWhatTheDefinitionLeavesOut() {
        AssignedTask t = task("t1", definition(container("web").build()));

        assertThat(spec(t, "web").environment()).containsEntry("AWS_REGION", "us-east-1");
        assertThat(spec(t, "web").resources().cpuShares()).isEqualTo(2);
    }

    @Test
    void bridgePortsAreStaticOrDynamicAndOtherModesPublishNone() {
        var ports = List.of(ContainerPort.tcp(80, 8080), ContainerPort.tcp(81, 0), new ContainerPort(53, 0, "udp"));
        AssignedTask bridge = task("t1", definition(container("web").portMappings(ports).build()));
        assertThat(spec(bridge, "web").portMappings()).containsExactly(new PortMapping(80, 8080, TransportProtocol.TCP, ""),
                new PortMapping(81, 0, TransportProtocol.TCP, ""), new PortMapping(53, 0, TransportProtocol.UDP, ""));

        AssignedTask host = task("t2", definition("host", 0, 0, List.of(), container("web").portMappings(ports).build()));
        assertThat(spec(host, "web").networkMode()).isEqualTo(NetworkMode.host());
        assertThat(spec(host, "web").portMappings()).isEmpty();

        AssignedTask none = task("t3", definition("none", 0, 0, List.of(), container("web").build()));
        assertThat(spec(none, "web").networkMode()).isEqualTo(NetworkMode.none());
    }

    @Test
    void healthChecksKeepEcsFormsAndDefaults() {
        var ecs = new HealthProbe(List.of("CMD-SHELL", "wget -q -O- localhost:8080"), 0, 0, 0, 0);
        AssignedTask t = task("t1", definition(container("web").healthCheck(ecs).build(),
                container("api").healthCheck(new HealthProbe(List.of("CMD", "true"), 5, 2, 1, 3))
                        .build()));

        assertThat(spec(t, "web").healthCheck()).isEqualTo(new HealthCheck.Command(
                List.of("CMD-SHELL", "wget -q -O- localhost:8080"), Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
                Duration.ZERO));
        assertThat(spec(t, "api").healthCheck()).isEqualTo(new HealthCheck.Command(List.of("CMD", "true"),
                Duration.ofSeconds(5), Duration.ofSeconds(2), 1, Duration.ofSeconds(3)));
    }

    @Test
    void awslogsContainersKeepTheirLinesInJsonFileAndOtherDriversPassThrough() {
        AssignedTask t = task("t1", definition(
                container("web").logConfiguration(new LogSettings("awslogs",
                        Map.of("awslogs-group", "/ecs/web"))).build(),
                container("quiet").logConfiguration(new LogSettings("none", Map.of())).build()));

        assertThat(spec(t, "web").logConfiguration()).isEqualTo(LogConfiguration.jsonFile());
        assertThat(spec(t, "quiet").logConfiguration()).isEqualTo(new LogConfiguration("none", Map.of()));
    }

    @Test
    void volumesBindHostPathsAndNameTaskScopedAndSharedVolumes() {
        var volumes = List.of(TaskVolume.hostPath("conf", "/etc/berth-conf"), TaskVolume.hostPath("scratch", ""),
                TaskVolume.docker("cache", new DockerVolumeSettings("task", false, "local", Map.of(), Map.of())),
                TaskVolume.docker("shared", new DockerVolumeSettings("shared", true, "", Map.of(), Map.of())));
        AssignedTask t = task("t1", definition("bridge", 0, 0, volumes, container("web").mountPoints(List.of(
                new VolumeMount("conf", "/conf", true), new VolumeMount("scratch", "/scratch", false),
                new VolumeMount("cache", "/cache", false), new VolumeMount("shared", "/shared", false))).build()));

        ContainerSpec spec = spec(t, "web");

        assertThat(spec.mounts()).containsExactly(new Mount.Bind("/etc/berth-conf", "/conf", true),
                new Mount.Volume("berth-t1-scratch", "/scratch", false), new Mount.Volume("berth-t1-cache", "/cache", false),
                new Mount.Volume("shared", "/shared", false));
        assertThat(spec.labels()).containsEntry(BerthLabels.TASK_VOLUMES, "berth-t1-scratch,berth-t1-cache");
    }

    @Test
    void awsvpcContainersJoinThePauseContainerWhichCarriesDnsAndHosts() {
        AssignedTask t = task("t1", definition("awsvpc", 0, 0, List.of(), container("web").dnsServers(List.of("10.0.0.2"))
                .extraHosts(List.of(new AddedHost("db", "10.0.0.9"))).build()));

        ContainerSpec web = spec(t, "web");
        ContainerSpec pause = ContainerSpecs.pause(SETTINGS, t);

        assertThat(web.networkMode()).isEqualTo(NetworkMode.containerOf("berth-t1.pause"));
        assertThat(web.dnsServers()).isEmpty();
        assertThat(pause.networkMode()).isEqualTo(NetworkMode.named("berth-awsvpc"));
        assertThat(pause.dnsServers()).containsExactly("10.0.0.2");
        assertThat(pause.extraHosts()).containsExactly(new ExtraHost("db", "10.0.0.9"));
        assertThat(pause.labels()).containsEntry(BerthLabels.CONTAINER_NAME, TaskLayout.PAUSE);
    }

    @Test
    void linuxParametersSystemControlsSecurityOptionsAndVolumesFromReachTheEngine() {
        var device = new HostDevice("/dev/fuse", "/dev/fuse", List.of("read", "write"));
        AssignedTask t = task("t1", definition(container("data").build(), container("web")
                .linuxParameters(new LinuxFeatures(false, List.of("NET_ADMIN"), List.of("CHOWN"), List.of(device), 64,
                        List.of(), 128, 10))
                .systemControls(Map.of("net.core.somaxconn", "1024"))
                .dockerSecurityOptions(List.of("no-new-privileges")).pseudoTerminal(true).interactive(true)
                .volumesFrom(List.of(new VolumesFromContainer("data", true))).build()));

        var linux = spec(t, "web").linux();

        assertThat(linux.capabilitiesAdd()).containsExactly("NET_ADMIN");
        assertThat(linux.capabilitiesDrop()).containsExactly("CHOWN");
        assertThat(linux.devices()).containsExactly(new berth.agent.runtime.LinuxOptions.Device("/dev/fuse", "/dev/fuse",
                "rw"));
        assertThat(linux.sharedMemoryMiB()).isEqualTo(64);
        assertThat(linux.maxSwapMiB()).isEqualTo(128);
        assertThat(linux.swappiness()).isEqualTo(10);
        assertThat(linux.sysctls()).containsEntry("net.core.somaxconn", "1024");
        assertThat(linux.securityOptions()).containsExactly("no-new-privileges");
        assertThat(linux.tty()).isTrue();
        assertThat(linux.interactive()).isTrue();
        assertThat(linux.volumesFrom()).containsExactly(new berth.agent.runtime.LinuxOptions.VolumesFrom("berth-t1-data",
                true));
        assertThat(Dependencies.of(ContainerView.of(t.container("web").orElseThrow(),
                java.util.Optional.empty(), LocalTaskState.first(t.taskArn(), TaskStatus.PENDING, Fixtures.T0))))
                .extracting(DependsOn::containerName).containsExactly("data");
    }

    @Test
    void taskWideNamespacesAreHeldByThePauseContainerOrTheFirstContainer() {
        var awsvpc = definition("awsvpc", 0, 0, List.of(), container("a").build(), container("b").build())
                .withNamespaces("task", "task");
        var bridge = definition(container("a").build(), container("b").build()).withNamespaces("task", "task");
        AssignedTask inVpc = task("t1", awsvpc);
        AssignedTask onBridge = task("t2", bridge);

        assertThat(spec(inVpc, "a").linux().pidMode()).isEqualTo("container:berth-t1.pause");
        assertThat(spec(inVpc, "b").linux().ipcMode()).isEqualTo("container:berth-t1.pause");
        assertThat(ContainerSpecs.pause(SETTINGS, inVpc).linux().ipcMode()).isEqualTo("shareable");
        assertThat(spec(onBridge, "a").linux().pidMode()).isEmpty();
        assertThat(spec(onBridge, "a").linux().ipcMode()).isEqualTo("shareable");
        assertThat(spec(onBridge, "b").linux().pidMode()).isEqualTo("container:berth-t2-a");
        assertThat(spec(onBridge, "b").linux().ipcMode()).isEqualTo("container:berth-t2-a");
        assertThat(StartingTasksTest.created(Fixtures.RECONCILER.reconcile(List.of(onBridge), List.of(),
                Map.of(onBridge.taskArn(), LocalTaskState.first(onBridge.taskArn(), TaskStatus.PENDING, Fixtures.T0)
                        .pulled("a", "", Fixtures.T0, Fixtures.T0).pulled("b", "", Fixtures.T0, Fixtures.T0)),
                Fixtures.T0))).containsExactly("berth-t2-a");
    }

    private static Map<String, String> orderedMap(String... namesAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
