package berth.ecs.core.task;

import berth.aws.Scope;
import berth.ecs.core.HostPorts;
import berth.ecs.core.InstanceStatus;
import berth.ecs.core.LaunchType;
import berth.ecs.core.instance.ContainerInstance;
import berth.ecs.core.instance.ContainerInstanceRegistration;
import berth.ecs.core.instance.InstanceIdentity;
import berth.ecs.core.instance.InstanceResources;
import berth.ecs.core.instance.VersionInfo;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.HealthCheck;
import berth.ecs.core.taskdef.KeyValue;
import berth.ecs.core.taskdef.PortMapping;
import berth.ecs.core.taskdef.RuntimePlatform;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRegistration;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Registered task definitions, tasks and instances for the pure task tests. */
final class TaskFixtures {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private TaskFixtures() {}

    /** A bridge-mode definition: an essential web container with a health check and fixed port 80, and a sidecar. */
    static TaskDefinition bridge() {
        ContainerDefinition web = ContainerDefinition.builder("web", "nginx:latest").memoryMiB(256).cpu(128)
                .command(List.of("nginx", "-g", "daemon off;"))
                .environment(List.of(new KeyValue("MODE", "prod"), new KeyValue("LEVEL", "info")))
                .portMappings(List.of(PortMapping.tcp(80, 80)))
                .healthCheck(new HealthCheck(List.of("CMD-SHELL", "true"), 30, 5, 3, 0)).build();
        ContainerDefinition sidecar = ContainerDefinition.builder("sidecar", "busybox").memoryReservationMiB(64)
                .essential(false).healthCheck(new HealthCheck(List.of("CMD", "true"), 30, 5, 3, 0)).build();
        return register("", "", "", List.of(), web, sidecar);
    }

    static TaskDefinition fargate() {
        ContainerDefinition app = ContainerDefinition.builder("app", "busybox").build();
        return register("awsvpc", "256", "512", List.of("FARGATE"), app);
    }

    static TaskDefinition register(String mode, String cpu, String memory, List<String> requires,
                                   ContainerDefinition... containers) {
        TaskDefinition draft = new TaskDefinition(ACCOUNT, REGION, "web", 1, TaskDefinitionStatus.ACTIVE, "", "",
                mode, List.of(containers), List.of(), List.of(), requires, List.of(), List.of(), cpu, memory, 0, 0,
                "", "", 0, RuntimePlatform.none(), Map.of("team", "a"), T0, Instant.EPOCH, "arn:aws:iam::" + ACCOUNT
                + ":root");
        return TaskDefinitionRegistration.register(draft);
    }

    static TaskLaunch launch(TaskDefinition definition, LaunchType type, List<String> subnets) {
        return new TaskLaunch(ACCOUNT, REGION, "prod", definition.arn(), definition, type, "",
                type == LaunchType.FARGATE ? "1.4.0" : "", "family:web", "", Map.of(), TaskOverrides.none(), "",
                false, subnets);
    }

    static Task ec2Task(String instanceArn) {
        TaskDefinition d = bridge();
        return launch(d, LaunchType.EC2, List.of()).newTask(instanceArn, "us-east-1a",
                new TaskReservation(d.placementCpuUnits(), d.placementMemoryMiB(), d.reservedHostPorts()),
                new SplittableRandom(1), T0);
    }

    static Task fargateTask() {
        return launch(fargate(), LaunchType.FARGATE, List.of("subnet-0abc")).newTask("", "us-east-1a",
                TaskReservation.none(), new SplittableRandom(2), T0);
    }

    static ContainerInstance instance(String id, String ec2Id) {
        return ContainerInstanceRegistration.register(new Scope(ACCOUNT, REGION), "prod", id,
                new InstanceIdentity(ec2Id, REGION, "us-east-1a", "m5.large", "x86_64", "", "10.0.0.1"),
                new InstanceResources(2048, 4096, java.util.Set.of(22), java.util.Set.of()), VersionInfo.none(),
                List.of(), Map.of(), T0);
    }

    static ContainerInstance inactive(ContainerInstance instance) {
        return instance.withStatus(InstanceStatus.INACTIVE, "");
    }

    static TaskReport report(TaskStatus status, ContainerReport... containers) {
        return new TaskReport(status, "", List.of(containers), TaskTimes.UNSET, TaskTimes.UNSET, TaskTimes.UNSET);
    }

    static ContainerReport container(String name, ContainerStatus status) {
        return new ContainerReport(name, "docker-" + name, status, false, 0, "", "", List.of());
    }

    static ContainerReport exited(String name, int code) {
        return new ContainerReport(name, "docker-" + name, ContainerStatus.STOPPED, true, code, "", "", List.of());
    }

    static HostPorts port80() {
        return HostPorts.tcp(80);
    }
}
