package berth.ecs.core.taskdef;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Task definition drafts as the API layer hands them to registration. */
final class Drafts {
    static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

    private Drafts() {}

    static TaskDefinition draft(String networkMode, String cpu, String memory, List<String> requires,
                                ContainerDefinition... containers) {
        return new TaskDefinition("123456789012", "us-east-1", "web", 0, TaskDefinitionStatus.ACTIVE, "", "",
                networkMode, List.of(containers), List.of(), List.of(), requires, List.of(), List.of(), cpu, memory,
                0, 0, "", "", 0, RuntimePlatform.none(), Map.of(), Instant.EPOCH, Instant.EPOCH, "arn:aws:iam::123456789012:root");
    }

    static TaskDefinition ec2(ContainerDefinition... containers) {
        return draft("", "", "", List.of(), containers);
    }

    static TaskDefinition fargate(String cpu, String memory, ContainerDefinition... containers) {
        return draft("awsvpc", cpu, memory, List.of("FARGATE"), containers);
    }

    static ContainerDefinition.Builder container(String name) {
        return ContainerDefinition.builder(name, "nginx:latest");
    }

    static TaskDefinition with(TaskDefinition d, String executionRoleArn, List<Volume> volumes) {
        return new TaskDefinition(d.accountId(), d.region(), d.family(), d.revision(), d.status(), d.taskRoleArn(),
                executionRoleArn, d.networkMode(), d.containerDefinitions(), volumes, d.placementConstraints(),
                d.requiresCompatibilities(), d.compatibilities(), d.requiresAttributes(), d.cpu(), d.memory(),
                d.cpuUnits(), d.memoryMiB(), d.pidMode(), d.ipcMode(), d.ephemeralStorageGiB(), d.runtimePlatform(),
                d.tags(), d.registeredAt(), d.deregisteredAt(), d.registeredBy());
    }

    static TaskDefinition family(TaskDefinition d, String family) {
        return new TaskDefinition(d.accountId(), d.region(), family, d.revision(), d.status(), d.taskRoleArn(),
                d.executionRoleArn(), d.networkMode(), d.containerDefinitions(), d.volumes(), d.placementConstraints(),
                d.requiresCompatibilities(), d.compatibilities(), d.requiresAttributes(), d.cpu(), d.memory(),
                d.cpuUnits(), d.memoryMiB(), d.pidMode(), d.ipcMode(), d.ephemeralStorageGiB(), d.runtimePlatform(),
                d.tags(), d.registeredAt(), d.deregisteredAt(), d.registeredBy());
    }
}
