package berth.ecs.core.taskdef;

import static berth.ecs.core.taskdef.Drafts.EXECUTION_ROLE;
import static berth.ecs.core.taskdef.Drafts.container;
import static berth.ecs.core.taskdef.Drafts.ec2;
import static berth.ecs.core.taskdef.Drafts.fargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.ecs.core.HostPorts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskDefinitionRegistrationTest {

    private static void rejected(TaskDefinition draft, InvalidTaskDefinitionException.Kind kind, String message) {
        assertThatThrownBy(() -> TaskDefinitionRegistration.register(draft))
                .isInstanceOfSatisfying(InvalidTaskDefinitionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static void client(TaskDefinition draft, String message) {
        rejected(draft, InvalidTaskDefinitionException.Kind.CLIENT, message);
    }

    private static LogConfiguration awslogs() {
        return new LogConfiguration("awslogs", Map.of("awslogs-group", "/ecs/web", "awslogs-region", "us-east-1",
                "awslogs-stream-prefix", "web"), List.of());
    }

    @Test
    void fargateDefinitionIsCompletedLikeEcs() {
        TaskDefinition draft = Drafts.with(fargate("1 vCPU", "2 GB",
                container("web").portMappings(List.of(PortMapping.tcp(8080, 0))).logConfiguration(awslogs()).build()),
                EXECUTION_ROLE, List.of());
        TaskDefinition registered = TaskDefinitionRegistration.register(draft);
        assertThat(registered.cpu()).isEqualTo("1024");
        assertThat(registered.memory()).isEqualTo("2048");
        assertThat(registered.cpuUnits()).isEqualTo(1024);
        assertThat(registered.memoryMiB()).isEqualTo(2048);
        assertThat(registered.compatibilities()).containsExactly("EC2", "FARGATE");
        assertThat(registered.containerDefinitions().get(0).portMappings())
                .containsExactly(PortMapping.tcp(8080, 8080));
        assertThat(registered.requiresAttributes()).contains("ecs.capability.task-eni",
                "com.amazonaws.ecs.capability.logging-driver.awslogs", "ecs.capability.execution-role-awslogs");
        assertThat(registered.reservedHostPorts()).isEqualTo(HostPorts.none());
    }

    @Test
    void bridgeDefinitionKeepsDynamicPortsAndReservesFixedOnes() {
        TaskDefinition registered = TaskDefinitionRegistration.register(ec2(
                container("web").memoryMiB(256).cpu(128).portMappings(List.of(PortMapping.tcp(80, 0))).build(),
                container("metrics").memoryReservationMiB(64).portMappings(List.of(PortMapping.tcp(9100, 9100),
                        new PortMapping(53, 5353, "udp", "", ""))).build()));
        assertThat(registered.compatibilities()).containsExactly("EXTERNAL", "EC2");
        assertThat(registered.containerDefinitions().get(0).portMappings().get(0).hostPort()).isZero();
        assertThat(registered.reservedHostPorts()).isEqualTo(new HostPorts(java.util.Set.of(9100), java.util.Set.of(5353)));
        assertThat(registered.placementCpuUnits()).isEqualTo(128);
        assertThat(registered.placementMemoryMiB()).isEqualTo(256 + 64);
        assertThat(registered.requirements("family:web").memoryMiB()).isEqualTo(320);
        assertThat(registered.requiresAttributes()).contains("com.amazonaws.ecs.capability.docker-remote-api.1.21");
    }

    @Test
    void fargateNeedsAwsvpcAndTaskSizesFromTheTable() {
        client(Drafts.draft("bridge", "256", "512", List.of("FARGATE"), container("a").build()),
                "Fargate only supports network mode \u2018awsvpc\u2019.");
        client(fargate("", "512", container("a").build()), "Fargate requires that 'cpu' be defined at the task level.");
        client(fargate("256", "", container("a").build()),
                "Fargate requires that 'memory' be defined at the task level.");
        client(fargate("1024", "1024", container("a").build()),
                "No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS"
                        + " documentation for the valid values.");
        client(fargate("lots", "1024", container("a").build()), "Invalid 'cpu' setting for task.");
        client(fargate("256", "1 TB", container("a").build()), "Invalid 'memory' setting for task.");
    }

    @Test
    void fargateAwslogsAndEcrImagesNeedAnExecutionRole() {
        client(fargate("256", "512", container("a").logConfiguration(awslogs()).build()),
                "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
        client(fargate("256", "512", ContainerDefinition.builder("a",
                        "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1").build()),
                "Fargate requires task definition to have execution role ARN to support ECR images.");
        client(fargate("256", "512", container("a").privileged(true).build()),
                "Fargate requires that the 'privileged' setting be 'false'");
    }

    @Test
    void fargateTableMatchesAwsDocumentation() {
        assertThat(TaskSize.fargateSupports(256, 512)).isTrue();
        assertThat(TaskSize.fargateSupports(256, 3072)).isFalse();
        assertThat(TaskSize.fargateSupports(512, 4096)).isTrue();
        assertThat(TaskSize.fargateSupports(512, 5120)).isFalse();
        assertThat(TaskSize.fargateSupports(2048, 16384)).isTrue();
        assertThat(TaskSize.fargateSupports(4096, 30720)).isTrue();
        assertThat(TaskSize.fargateSupports(4096, 31744)).isFalse();
        assertThat(TaskSize.fargateSupports(8192, 20480)).isTrue();
        assertThat(TaskSize.fargateSupports(8192, 18432)).isFalse();
        assertThat(TaskSize.fargateSupports(16384, 40960)).isTrue();
        assertThat(TaskSize.fargateSupports(16384, 36864)).isFalse();
        assertThat(TaskSize.cpuUnits(".25 vCPU")).contains(256);
        assertThat(TaskSize.cpuUnits("2 vcpu")).contains(2048);
        assertThat(TaskSize.memoryMiB("0.5GB")).contains(512);
        assertThat(TaskSize.memoryMiB("30 GB")).contains(30720);
        assertThat(TaskSize.cpuUnits("0.0001 vCPU")).isEmpty();
    }

    @Test
    void containerMemoryRules() {
        client(ec2(container("web").build()),
                "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.");
        client(Drafts.draft("", "", "512", List.of(), container("web").memoryMiB(1024).build()),
                "The 'memory' setting for container 'web' is greater than for the task.");
        client(ec2(container("web").memoryMiB(128).memoryReservationMiB(256).build()),
                "Invalid setting for container 'web'. 'memory' must be greater than or equal to 'memoryReservation'.");
        client(Drafts.draft("", "1024", "512", List.of(), container("a").memoryReservationMiB(300).build(),
                        container("b").memoryReservationMiB(300).build()),
                "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.");
        client(Drafts.draft("", "256", "512", List.of(), container("a").cpu(200).build(), container("b").cpu(100).build()),
                "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.");
        assertThat(TaskDefinitionRegistration.register(Drafts.draft("", "", "512", List.of(), container("web").build()))
                .memoryMiB()).isEqualTo(512);
    }

    @Test
    void containerIdentityRules() {
        client(ec2(), "Container list cannot be empty.");
        client(ec2(container("a").memoryMiB(64).build(), container("a").memoryMiB(64).build()),
                "Container names must be unique within a Task Definition.");
        client(ec2(container("a").memoryMiB(64).essential(false).build()),
                "Task definition doesn't have any essential container.");
        client(ec2(container("bad name").memoryMiB(64).build()), "Container.name contains invalid characters.");
        client(ec2(ContainerDefinition.builder("a", "").memoryMiB(64).build()),
                "Container.image should not be null or empty.");
        ContainerDefinition[] eleven = new ContainerDefinition[11];
        for (int i = 0; i < eleven.length; i++) {
            eleven[i] = container("c" + i).memoryMiB(64).build();
        }
        client(ec2(eleven), "Too many containers.");
        client(Drafts.family(ec2(container("a").memoryMiB(64).build()), "my family"), "Family contains invalid characters.");
    }

    @Test
    void portMappingRulesPerNetworkMode() {
        client(Drafts.draft("awsvpc", "", "", List.of(), container("a").memoryMiB(64)
                        .portMappings(List.of(PortMapping.tcp(80, 8080))).build()),
                "When networkMode=awsvpc, the host ports and container ports in port mappings must match.");
        client(Drafts.draft("host", "", "", List.of(), container("a").memoryMiB(64)
                        .portMappings(List.of(PortMapping.tcp(80, 8080))).build()),
                "When networkMode=host, the host ports and container ports in port mappings must match.");
        client(ec2(container("a").memoryMiB(64).portMappings(List.of(PortMapping.tcp(80, 3000))).build(),
                        container("b").memoryMiB(64).portMappings(List.of(PortMapping.tcp(81, 3000))).build()),
                "TCP host port '3000' is mapped multiple times in task.");
        client(ec2(container("a").memoryMiB(64).portMappings(List.of(PortMapping.tcp(0, 0))).build()),
                "Invalid 'containerPort' setting for container 'a'.");
        client(Drafts.draft("awsvpc", "", "", List.of(), container("a").memoryMiB(64).hostname("x").build()),
                "hostname is not supported on container when networkMode=awsvpc.");
        TaskDefinition host = TaskDefinitionRegistration.register(Drafts.draft("host", "", "", List.of(),
                container("a").memoryMiB(64).portMappings(List.of(PortMapping.tcp(80, 0))).build()));
        assertThat(host.reservedHostPorts()).isEqualTo(HostPorts.tcp(80));
    }

    @Test
    void dependencyHealthCheckAndVolumeRules() {
        client(ec2(container("a").memoryMiB(64).dependsOn(List.of(new ContainerDependency("ghost",
                        ContainerDependency.Condition.START))).build()),
                "Cannot depend on container + 'ghost' because it does not exist");
        client(ec2(container("a").memoryMiB(64).dependsOn(List.of(new ContainerDependency("b",
                        ContainerDependency.Condition.SUCCESS))).build(), container("b").memoryMiB(64).build()),
                "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container");
        client(ec2(container("a").memoryMiB(64).dependsOn(List.of(new ContainerDependency("b",
                        ContainerDependency.Condition.HEALTHY))).build(), container("b").memoryMiB(64).build()),
                "A dependency container with HEALTHY condition must have health check configured");
        client(ec2(container("a").memoryMiB(64).healthCheck(new HealthCheck(List.of("CMD", "true"), 3, 5, 3, 0)).build()),
                "Invalid 'healthCheck' setting for container 'a'. 'interval' must be between 5 and 300.");
        client(ec2(container("a").memoryMiB(64).healthCheck(new HealthCheck(List.of("CMD", "true"), 30, 61, 3, 0)).build()),
                "Invalid 'healthCheck' setting for container 'a'. 'timeout' must be between 2 and 60.");
        client(ec2(container("a").memoryMiB(64).healthCheck(new HealthCheck(List.of("CMD", "true"), 30, 5, 11, 0)).build()),
                "Invalid 'healthCheck' setting for container 'a'. 'retries' must be between 1 and 10.");
        client(ec2(container("a").memoryMiB(64).mountPoints(List.of(new MountPoint("data", "/data", false))).build()),
                "Unknown volume 'data'.");
        client(ec2(container("a").memoryMiB(64).secrets(List.of(new Secret("DB", "arn:aws:ssm:us-east-1:1:parameter/db")))
                        .build()),
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
        client(ec2(container("a").memoryMiB(64).logConfiguration(new LogConfiguration("awslogs",
                        Map.of("awslogs-region", "us-east-1"), List.of())).build()),
                "Log driver awslogs requires options: awslogs-group");
        TaskDefinition withVolume = TaskDefinitionRegistration.register(Drafts.with(ec2(container("a").memoryMiB(64)
                        .mountPoints(List.of(new MountPoint("data", "/data", false))).build()), "",
                List.of(Volume.docker("data", new Volume.DockerVolumeConfiguration("shared", true, "local", Map.of(),
                        Map.of())))));
        assertThat(withVolume.compatibilities()).doesNotContain("FARGATE");
        assertThat(withVolume.requiresAttributes()).contains("com.amazonaws.ecs.capability.docker-remote-api.1.25");
    }

    @Test
    void referencesParseEveryForm() {
        assertThat(TaskDefinitionRef.parse("web")).contains(new TaskDefinitionRef("", "", "web", 0));
        assertThat(TaskDefinitionRef.parse("web:12")).contains(new TaskDefinitionRef("", "", "web", 12));
        assertThat(TaskDefinitionRef.parse("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"))
                .contains(new TaskDefinitionRef("123456789012", "us-east-1", "web", 3));
        assertThat(TaskDefinitionRef.parse("web:")).isEmpty();
        assertThat(TaskDefinitionRef.parse("web:0")).isEmpty();
        assertThat(TaskDefinitionRef.parse("we b")).isEmpty();
        assertThat(TaskDefinitionRef.parse("arn:aws:ecs:us-east-1:123456789012:cluster/web")).isEmpty();
    }
}
