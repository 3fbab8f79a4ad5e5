package berth.ecs.api;

import berth.ecs.core.LaunchType;
import berth.ecs.core.task.ContainerOverride;
import berth.ecs.core.task.LaunchFailure;
import berth.ecs.core.task.NetworkInterfaceAttachment;
import berth.ecs.core.task.Task;
import berth.ecs.core.task.TaskContainer;
import berth.ecs.core.task.TaskOverrides;
import berth.ecs.core.task.TaskTimes;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/** Tasks as DescribeTasks, RunTask and friends report them. */
final class TaskMapping {
    private TaskMapping() {}

    static software.amazon.awssdk.services.ecs.model.Task toSdk(Task t, boolean withTags) {
        var b = software.amazon.awssdk.services.ecs.model.Task.builder()
                .taskArn(t.arn())
                .clusterArn(t.clusterArn())
                .taskDefinitionArn(t.taskDefinitionArn())
                .launchType(t.launchType().name())
                .desiredStatus(t.desiredStatus().name())
                .lastStatus(t.lastStatus().name())
                .healthStatus(t.healthStatus())
                .group(t.group())
                .version(t.version())
                .enableExecuteCommand(t.enableExecuteCommand())
                .cpu(t.definition().cpu().isEmpty() ? Integer.toString(t.reservation().cpu()) : t.definition().cpu())
                .memory(t.definition().memory().isEmpty() ? Integer.toString(t.reservation().memoryMiB())
                        : t.definition().memory())
                .containers(t.containers().stream().map(c -> container(t, c)).toList())
                .attachments(t.attachments().stream().map(a -> attachment(t, a)).toList())
                .overrides(overrides(t))
                .createdAt(t.times().createdAt());
        if (t.onInstance()) b.containerInstanceArn(t.containerInstanceArn());
        if (!t.capacityProviderName().isEmpty()) b.capacityProviderName(t.capacityProviderName());
        if (!t.platformVersion().isEmpty()) b.platformVersion(t.platformVersion());
        if (t.launchType() == LaunchType.FARGATE) {
            b.platformFamily("Linux");
            int storage = t.definition().ephemeralStorageGiB() == 0 ? 20 : t.definition().ephemeralStorageGiB();
            b.ephemeralStorage(e -> e.sizeInGiB(storage));
        }
        if (!t.availabilityZone().isEmpty()) b.availabilityZone(t.availabilityZone());
        if (!t.connectivity().isEmpty()) b.connectivity(t.connectivity());
        if (!t.startedBy().isEmpty()) b.startedBy(t.startedBy());
        if (!t.stopCode().isEmpty()) b.stopCode(t.stopCode());
        if (!t.stoppedReason().isEmpty()) b.stoppedReason(t.stoppedReason());
        TaskTimes times = t.times();
        set(times.connectivityAt(), b::connectivityAt);
        set(times.pullStartedAt(), b::pullStartedAt);
        set(times.pullStoppedAt(), b::pullStoppedAt);
        set(times.startedAt(), b::startedAt);
        set(times.stoppingAt(), b::stoppingAt);
        set(times.executionStoppedAt(), b::executionStoppedAt);
        set(times.stoppedAt(), b::stoppedAt);
        if (withTags && !t.tags().isEmpty()) b.tags(TagMapping.toSdk(t.tags()));
        return b.build();
    }

    private static void set(Instant moment, Consumer<Instant> field) {
        if (TaskTimes.set(moment)) field.accept(moment);
    }

    private static Container container(Task t, TaskContainer c) {
        var b = Container.builder()
                .containerArn(c.containerArn())
                .taskArn(t.arn())
                .name(c.name())
                .image(c.image())
                .lastStatus(c.lastStatus().name())
                .healthStatus(c.healthStatus())
                .cpu(Integer.toString(c.cpu()))
                .networkBindings(c.networkBindings().stream().map(n -> NetworkBinding.builder().bindIP(n.bindIp())
                        .containerPort(n.containerPort()).hostPort(n.hostPort()).protocol(n.protocol()).build())
                        .toList())
                .networkInterfaces(t.networkInterface().filter(a -> !c.privateIpv4Address().isEmpty())
                        .map(a -> List.of(NetworkInterface.builder().attachmentId(a.id())
                                .privateIpv4Address(c.privateIpv4Address()).build()))
                        .orElse(List.of()));
        if (!c.imageDigest().isEmpty()) b.imageDigest(c.imageDigest());
        if (!c.runtimeId().isEmpty()) b.runtimeId(c.runtimeId());
        if (c.exited()) b.exitCode(c.exitCode());
        if (!c.reason().isEmpty()) b.reason(c.reason());
        if (c.memoryMiB() > 0) b.memory(Integer.toString(c.memoryMiB()));
        if (c.memoryReservationMiB() > 0) b.memoryReservation(Integer.toString(c.memoryReservationMiB()));
        return b.build();
    }

    private static Attachment attachment(Task t, NetworkInterfaceAttachment a) {
        return Attachment.builder().id(a.id()).type(NetworkInterfaceAttachment.TYPE).status(a.status().name())
                .details(a.details(t.region()).entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .build();
    }

    /** The task's overrides as ECS echoes them: one container entry per container (by name), overrides or not. */
    static TaskOverride overrides(Task t) {
        TaskOverrides o = t.overrides();
        List<ContainerOverride> containers = t.definition().containerDefinitions().stream()
                .map(c -> o.containerOverrides().stream().filter(r -> r.name().equals(c.name())).reduce((a, z) -> z)
                        .orElse(ContainerOverride.named(c.name())))
                .toList();
        var b = TaskOverride.builder()
                .containerOverrides(containers.stream().map(TaskMapping::containerOverride).toList())
                .inferenceAcceleratorOverrides(List.of());
        if (!o.cpu().isEmpty()) b.cpu(o.cpu());
        if (!o.memory().isEmpty()) b.memory(o.memory());
        if (!o.taskRoleArn().isEmpty()) b.taskRoleArn(o.taskRoleArn());
        if (!o.executionRoleArn().isEmpty()) b.executionRoleArn(o.executionRoleArn());
        if (o.ephemeralStorageGiB() > 0) b.ephemeralStorage(e -> e.sizeInGiB(o.ephemeralStorageGiB()));
        return b.build();
    }

    private static software.amazon.awssdk.services.ecs.model.ContainerOverride containerOverride(ContainerOverride c) {
        var b = software.amazon.awssdk.services.ecs.model.ContainerOverride.builder().name(c.name());
        if (!c.command().isEmpty()) b.command(c.command());
        if (!c.environment().isEmpty()) {
            b.environment(c.environment().stream()
                    .map(v -> KeyValuePair.builder().name(v.name()).value(v.value()).build()).toList());
        }
        if (!c.environmentFiles().isEmpty()) {
            b.environmentFiles(c.environmentFiles().stream().map(f ->
                    software.amazon.awssdk.services.ecs.model.EnvironmentFile.builder().value(f.value()).type(f.type())
                            .build()).toList());
        }
        if (c.cpu() != ContainerOverride.UNSET) b.cpu(c.cpu());
        if (c.memoryMiB() != ContainerOverride.UNSET) b.memory(c.memoryMiB());
        if (c.memoryReservationMiB() != ContainerOverride.UNSET) b.memoryReservation(c.memoryReservationMiB());
        return b.build();
    }

    static Failure failure(LaunchFailure f) {
        var b = Failure.builder().arn(f.arn()).reason(f.reason());
        if (!f.detail().isEmpty()) b.detail(f.detail());
        return b.build();
    }
}
