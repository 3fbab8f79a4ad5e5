package berth.ecs.control;

import static org.assertj.core.api.Assertions.assertThat;

import berth.agentwire.AddedHost;
import berth.agentwire.AssignedContainer;
import berth.agentwire.AssignedTask;
import berth.agentwire.ContainerPort;
import berth.agentwire.ContainerSecret;
import berth.agentwire.DependencyCondition;
import berth.agentwire.DependsOn;
import berth.agentwire.DockerVolumeSettings;
import berth.agentwire.HealthProbe;
import berth.agentwire.HostDevice;
import berth.agentwire.LinuxFeatures;
import berth.agentwire.LogSettings;
import berth.agentwire.ResourceLimit;
import berth.agentwire.RoleCredentials;
import berth.agentwire.TaskVolume;
import berth.agentwire.TmpfsMount;
import berth.agentwire.VolumeMount;
import berth.agentwire.VolumesFromContainer;
import berth.ecs.core.LaunchType;
import berth.ecs.core.task.ContainerOverride;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskLaunch;
import berth.ecs.core.task.TaskOverrides;
import berth.ecs.core.task.TaskOverridesMerge;
import berth.ecs.core.task.TaskReservation;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.ContainerDependency;
import berth.ecs.core.taskdef.EnvironmentFile;
import berth.ecs.core.taskdef.HealthCheck;
import berth.ecs.core.taskdef.HostEntry;
import berth.ecs.core.taskdef.KeyValue;
import berth.ecs.core.taskdef.LinuxParameters;
import berth.ecs.core.taskdef.LogConfiguration;
import berth.ecs.core.taskdef.MountPoint;
import berth.ecs.core.taskdef.PortMapping;
import berth.ecs.core.taskdef.RuntimePlatform;
import berth.ecs.core.taskdef.Secret;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRegistration;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import berth.ecs.core.taskdef.Ulimit;
import berth.ecs.core.taskdef.Volume;
import berth.ecs.core.taskdef.VolumeFrom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A task as the agent protocol carries it: every field the agent acts on, RunTask's overrides applied. */
class AssignmentMappingTest {
    private static final String ACCOUNT = "123456789012";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String INSTANCE = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/abc";

    private static ContainerDefinition web() {
        return ContainerDefinition.builder("web", "nginx:1")
                .repositoryCredentials("arn:aws:secretsmanager:us-east-1:123456789012:secret:creds")
                .cpu(128).memoryMiB(256).memoryReservationMiB(128)
                .entryPoint(List.of("/bin/sh", "-c")).command(List.of("exec nginx"))
                .environment(List.of(new KeyValue("MODE", "prod"), new KeyValue("LEVEL", "info")))
                .environmentFiles(List.of(new EnvironmentFile("arn:aws:s3:::bucket/web.env", "s3")))
                .secrets(List.of(new Secret("TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/token")))
                .portMappings(List.of(PortMapping.tcp(80, 8080), new PortMapping(53, 0, "udp", "dns", "")))
                .links(List.of("db:database"))
                .mountPoints(List.of(new MountPoint("logs", "/var/log/nginx", false), new MountPoint("data", "/data", true)))
                .volumesFrom(List.of(new VolumeFrom("db", true)))
                .dependsOn(List.of(new ContainerDependency("db", ContainerDependency.Condition.HEALTHY)))
                .startTimeoutSeconds(20).stopTimeoutSeconds(5)
                .hostname("web").user("101").workingDirectory("/srv")
                .privileged(true).readonlyRootFilesystem(true)
                .dnsServers(List.of("10.0.0.2")).dnsSearchDomains(List.of("corp.example"))
                .extraHosts(List.of(new HostEntry("db.local", "10.0.0.9")))
                .dockerSecurityOptions(List.of("no-new-privileges")).interactive(true).pseudoTerminal(true)
                .dockerLabels(Map.of("team", "a"))
                .ulimits(List.of(new Ulimit("nofile", 1024, 4096)))
                .logConfiguration(new LogConfiguration("awslogs", Map.of("awslogs-group", "web", "awslogs-region", "us-east-1"), List.of()))
                .healthCheck(new HealthCheck(List.of("CMD-SHELL", "curl -f localhost"), 10, 2, 1, 3))
                .systemControls(List.of(new KeyValue("net.core.somaxconn", "1024")))
                .linuxParameters(new LinuxParameters(true, List.of("NET_ADMIN"), List.of("MKNOD"),
                        List.of(new LinuxParameters.Device("/dev/fuse", "/dev/fuse", List.of("read", "write"))), 64,
                        List.of(new LinuxParameters.Tmpfs("/scratch", 16, List.of("noexec"))), 0, LinuxParameters.UNSET))
                .build();
    }

    private static ContainerDefinition db() {
        return ContainerDefinition.builder("db", "postgres:16").memoryMiB(512).essential(false)
                .healthCheck(new HealthCheck(List.of("CMD", "pg_isready"), 30, 5, 3, 0)).build();
    }

    private static TaskDefinition registered() {
        TaskDefinition draft = new TaskDefinition(ACCOUNT, "us-east-1", "shop", 0, TaskDefinitionStatus.ACTIVE,
                "arn:aws:iam::123456789012:role/task", "arn:aws:iam::123456789012:role/exec", "", List.of(web(), db()),
                List.of(Volume.host("logs", "/var/log/shop"), Volume.docker("data",
                        new Volume.DockerVolumeConfiguration("shared", true, "local", Map.of("type", "tmpfs"),
                                Map.of("keep", "yes")))),
                List.of(), List.of(), List.of(), List.of(), "1024", "2048", 0, 0, "task", "host", 0,
                RuntimePlatform.none(), Map.of("cost", "shop"), T0, Instant.EPOCH, "arn:aws:iam::123456789012:root");
        return TaskDefinitionRegistration.register(draft).withRevision(3);
    }

    private static Task task(TaskOverrides overrides) {
        TaskDefinition effective = TaskOverridesMerge.apply(registered(), overrides, LaunchType.EC2);
        TaskLaunch launch = new TaskLaunch(ACCOUNT, "us-east-1", "prod", registered().arn(), effective, LaunchType.EC2,
                "", "", "family:shop", "tester", Map.of(), overrides, "", false, List.of());
        return launch.newTask(INSTANCE, "us-east-1a", TaskReservation.none(), new SplittableRandom(7), T0);
    }

    @Test
    void theTaskCarriesItsIdentityStatusSizesAndModes() {
        Task task = task(TaskOverrides.none());
        RoleCredentials role = new RoleCredentials("id-1", "arn:aws:iam::123456789012:role/task", "ASIA", "s", "t",
                T0.plusSeconds(3600), "auth-1");

        AssignedTask assigned = AssignmentMapping.assignment(task, role, RoleCredentials.NONE);

        assertThat(assigned.taskArn()).isEqualTo(task.arn());
        assertThat(assigned.taskId()).isEqualTo(task.id());
        assertThat(assigned.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/prod");
        assertThat(assigned.containerInstanceArn()).isEqualTo(INSTANCE);
        assertThat(assigned.launchType()).isEqualTo("EC2");
        assertThat(assigned.desiredStatus()).isEqualTo("RUNNING");
        assertThat(assigned.lastStatus()).isEqualTo("PROVISIONING");
        assertThat(assigned.createdAt()).isEqualTo(T0);
        assertThat(assigned.family()).isEqualTo("shop");
        assertThat(assigned.revision()).isEqualTo(3);
        assertThat(assigned.networkMode()).as("a definition naming no mode runs in bridge mode").isEqualTo("bridge");
        assertThat(assigned.pidMode()).isEqualTo("task");
        assertThat(assigned.ipcMode()).isEqualTo("host");
        assertThat(assigned.cpuUnits()).isEqualTo(1024);
        assertThat(assigned.memoryMiB()).isEqualTo(2048);
        assertThat(assigned.stopTimeoutSeconds()).isEqualTo(30);
        assertThat(assigned.environment()).containsExactly(Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"), Map.entry("AWS_EXECUTION_ENV", "AWS_ECS_EC2"));
        assertThat(assigned.taskRoleCredentials()).isEqualTo(role);
        assertThat(assigned.executionRoleCredentials()).isEqualTo(RoleCredentials.NONE);
        assertThat(assigned.volumes()).containsExactly(TaskVolume.hostPath("logs", "/var/log/shop"),
                TaskVolume.docker("data", new DockerVolumeSettings("shared", true, "local", Map.of("type", "tmpfs"),
                        Map.of("keep", "yes"))));
        assertThat(assigned.containers()).extracting(AssignedContainer::name).containsExactly("web", "db");
    }

    @Test
    void everyContainerFieldTheAgentActsOnIsCarried() {
        AssignedContainer web = AssignmentMapping.assignment(task(TaskOverrides.none()), RoleCredentials.NONE,
                RoleCredentials.NONE).container("web").orElseThrow();

        assertThat(web).isEqualTo(AssignedContainer.builder("web", "nginx:1")
                .repositoryCredentials("arn:aws:secretsmanager:us-east-1:123456789012:secret:creds")
                .cpu(128).memoryMiB(256).memoryReservationMiB(128).essential(true)
                .entryPoint(List.of("/bin/sh", "-c")).command(List.of("exec nginx"))
                .environment(Map.of("MODE", "prod", "LEVEL", "info"))
                .environmentFiles(List.of("arn:aws:s3:::bucket/web.env"))
                .secrets(List.of(new ContainerSecret("TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/token")))
                .portMappings(List.of(ContainerPort.tcp(80, 8080), new ContainerPort(53, 0, "udp")))
                .links(List.of("db:database"))
                .mountPoints(List.of(new VolumeMount("logs", "/var/log/nginx", false), new VolumeMount("data", "/data", true)))
                .volumesFrom(List.of(new VolumesFromContainer("db", true)))
                .dependsOn(List.of(new DependsOn("db", DependencyCondition.HEALTHY)))
                .startTimeoutSeconds(20).stopTimeoutSeconds(5)
                .hostname("web").user("101").workingDirectory("/srv")
                .privileged(true).readonlyRootFilesystem(true)
                .dnsServers(List.of("10.0.0.2")).dnsSearchDomains(List.of("corp.example"))
                .extraHosts(List.of(new AddedHost("db.local", "10.0.0.9")))
                .dockerSecurityOptions(List.of("no-new-privileges")).interactive(true).pseudoTerminal(true)
                .dockerLabels(Map.of("team", "a"))
                .ulimits(List.of(new ResourceLimit("nofile", 1024, 4096)))
                .logConfiguration(new LogSettings("awslogs", Map.of("awslogs-group", "web", "awslogs-region", "us-east-1")))
                .healthCheck(new HealthProbe(List.of("CMD-SHELL", "curl -f localhost"), 10, 2, 1, 3))
                .systemControls(Map.of("net.core.somaxconn", "1024"))
                .linuxParameters(new LinuxFeatures(true, List.of("NET_ADMIN"), List.of("MKNOD"),
                        List.of(new HostDevice("/dev/fuse", "/dev/fuse", List.of("read", "write"))), 64,
                        List.of(new TmpfsMount("/scratch", 16)), 0, LinuxFeatures.UNSET))
                .build());
        assertThat(web.environment().keySet()).as("in the definition's order").containsExactly("MODE", "LEVEL");
    }

    @Test
    void unsetSettingsAreEmpty() {
        AssignedContainer db = AssignmentMapping.assignment(task(TaskOverrides.none()), RoleCredentials.NONE,
                RoleCredentials.NONE).container("db").orElseThrow();

        assertThat(db.essential()).isFalse();
        assertThat(db.logConfiguration()).isEqualTo(LogSettings.NONE);
        assertThat(db.linuxParameters()).isEqualTo(LinuxFeatures.NONE);
        assertThat(db.healthCheck()).isEqualTo(new HealthProbe(List.of("CMD", "pg_isready"), 30, 5, 3, 0));
        assertThat(db.environment()).isEmpty();
    }

    @Test
    void runTaskOverridesAreWhatTheAgentRuns() {
        ContainerOverride web = new ContainerOverride("web", List.of("exec", "nginx", "-T"),
                List.of(new KeyValue("LEVEL", "debug"), new KeyValue("EXTRA", "1")), List.of(), 256, 384, -1);
        TaskOverrides overrides = new TaskOverrides(List.of(web), "2048", "", "arn:aws:iam::123456789012:role/other",
                "", 0);

        AssignedTask assigned = AssignmentMapping.assignment(task(overrides), RoleCredentials.NONE, RoleCredentials.NONE);

        AssignedContainer c = assigned.container("web").orElseThrow();
        assertThat(c.command()).containsExactly("exec", "nginx", "-T");
        assertThat(c.environment()).containsExactly(Map.entry("MODE", "prod"), Map.entry("LEVEL", "debug"),
                Map.entry("EXTRA", "1"));
        assertThat(c.cpu()).isEqualTo(256);
        assertThat(c.memoryMiB()).isEqualTo(384);
        assertThat(assigned.cpuUnits()).isEqualTo(2048);
        assertThat(assigned.memoryMiB()).isEqualTo(2048);
    }

    @Test
    void aStoppingFargateTaskHasNoInstance() {
        Task task = task(TaskOverrides.none());
        Task fargate = new Task(task.accountId(), task.region(), task.cluster(), task.id(), task.taskDefinitionArn(),
                task.definition(), "", LaunchType.FARGATE, "FARGATE", "1.4.0", task.availabilityZone(),
                task.reservation(), berth.ecs.core.task.TaskStatus.STOPPED, task.lastStatus(), task.healthStatus(),
                task.connectivity(), task.stopCode(), task.stoppedReason(), task.containers(), task.attachments(),
                task.group(), task.startedBy(), task.tags(), task.overrides(), task.clientToken(),
                task.enableExecuteCommand(), task.times(), task.version());

        AssignedTask assigned = AssignmentMapping.assignment(fargate, RoleCredentials.NONE, RoleCredentials.NONE);

        assertThat(assigned.containerInstanceArn()).isEmpty();
        assertThat(assigned.launchType()).isEqualTo(AssignedTask.FARGATE);
        assertThat(assigned.desiredStatus()).isEqualTo("STOPPED");
        assertThat(assigned.environment()).containsEntry("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");
    }
}
