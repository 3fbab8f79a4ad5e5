package berth.ecs.core.task;

import berth.ecs.core.LaunchType;
import berth.ecs.core.taskdef.ContainerDefinition;
import berth.ecs.core.taskdef.InvalidTaskDefinitionException;
import berth.ecs.core.taskdef.KeyValue;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRegistration;
import berth.ecs.core.taskdef.TaskSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task definition one task runs: the registered revision with RunTask's overrides applied as ECS
 * applies them. A container's {@code command} and {@code environmentFiles} replace the definition's;
 * its {@code environment} is merged by name (overrides win, new names are added after the existing
 * ones); {@code cpu}, {@code memory} and {@code memoryReservation} replace. Task-level {@code cpu},
 * {@code memory}, roles and ephemeral storage replace. The result must still satisfy registration's
 * resource rules (and Fargate's sizes for Fargate tasks), else {@link InvalidTaskDefinitionException}.
 */
public final class TaskOverridesMerge {
    private TaskOverridesMerge() {}

    public static TaskDefinition apply(TaskDefinition definition, TaskOverrides overrides, LaunchType launchType) {
        if (overrides.isEmpty()) {
            return definition;
        }
        Map<String, ContainerOverride> byName = new LinkedHashMap<>();
        for (ContainerOverride override : overrides.containerOverrides()) {
            if (definition.container(override.name()).isEmpty()) {
                throw InvalidTaskDefinitionException.invalidParameter("Override for container named "
                        + override.name() + " is not a container in the TaskDefinition.");
            }
            byName.merge(override.name(), override, (first, second) -> second);
        }
        List<ContainerDefinition> containers = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            ContainerOverride override = byName.get(container.name());
            containers.add(override == null ? container : overridden(container, override));
        }
        String cpuText = definition.cpu();
        int cpu = definition.cpuUnits();
        if (!overrides.cpu().isEmpty()) {
            cpu = TaskSize.cpuUnits(overrides.cpu()).orElseThrow(() ->
                    InvalidTaskDefinitionException.client("Invalid 'cpu' setting for task."));
            cpuText = Integer.toString(cpu);
        }
        String memoryText = definition.memory();
        int memory = definition.memoryMiB();
        if (!overrides.memory().isEmpty()) {
            memory = TaskSize.memoryMiB(overrides.memory()).orElseThrow(() ->
                    InvalidTaskDefinitionException.client("Invalid 'memory' setting for task."));
            memoryText = Integer.toString(memory);
        }
        int storage = overrides.ephemeralStorageGiB() == 0 ? definition.ephemeralStorageGiB()
                : overrides.ephemeralStorageGiB();
        if (overrides.ephemeralStorageGiB() != 0 && (storage < 21 || storage > 200)) {
            throw InvalidTaskDefinitionException.invalidParameter(
                    "The ephemeral storage size must be between 21 GiB and 200 GiB.");
        }
        TaskDefinitionRegistration.checkResources(containers, cpu, memory);
        TaskDefinition effective = definition.asOverridden(containers, cpuText, memoryText, cpu, memory,
                overrides.taskRoleArn().isEmpty() ? definition.taskRoleArn() : overrides.taskRoleArn(),
                overrides.executionRoleArn().isEmpty() ? definition.executionRoleArn() : overrides.executionRoleArn(),
                storage);
        if (launchType == LaunchType.FARGATE) {
            TaskDefinitionRegistration.fargateViolation(effective).ifPresent(message -> {
                throw InvalidTaskDefinitionException.client(message);
            });
        }
        return effective;
    }

    private static ContainerDefinition overridden(ContainerDefinition container, ContainerOverride override) {
        ContainerDefinition.Builder b = container.toBuilder();
        if (!override.command().isEmpty()) {
            b.command(override.command());
        }
        if (!override.environment().isEmpty()) {
            b.environment(mergedEnvironment(container.environment(), override.environment()));
        }
        if (!override.environmentFiles().isEmpty()) {
            b.environmentFiles(override.environmentFiles());
        }
        if (override.cpu() != ContainerOverride.UNSET) {
            b.cpu(override.cpu());
        }
        if (override.memoryMiB() != ContainerOverride.UNSET) {
            b.memoryMiB(override.memoryMiB());
        }
        if (override.memoryReservationMiB() != ContainerOverride.UNSET) {
            b.memoryReservationMiB(override.memoryReservationMiB());
        }
        return b.build();
    }

    /** The definition's variables with the override's applied: same names replaced in place, new ones appended. */
    static List<KeyValue> mergedEnvironment(List<KeyValue> defined, List<KeyValue> overriding) {
        Map<String, String> merged = new LinkedHashMap<>();
        defined.forEach(v -> merged.put(v.name(), v.value()));
        overriding.forEach(v -> merged.put(v.name(), v.value()));
        return merged.entrySet().stream().map(e -> new KeyValue(e.getKey(), e.getValue())).toList();
    }
}
