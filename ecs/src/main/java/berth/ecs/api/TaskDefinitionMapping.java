package berth.ecs.api;

import static berth.ecs.api.ContainerDefinitionMapping.map;
import static berth.ecs.api.ContainerDefinitionMapping.number;
import static berth.ecs.api.ContainerDefinitionMapping.orEmpty;
import static berth.ecs.api.ContainerDefinitionMapping.text;

import berth.aws.Scope;
import berth.ecs.core.taskdef.RuntimePlatform;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionStatus;
import berth.ecs.core.taskdef.TaskPlacementConstraint;
import berth.ecs.core.taskdef.Volume;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;

/** Task definitions between the SDK's request and response shapes and the core record. */
final class TaskDefinitionMapping {
    private TaskDefinitionMapping() {}

    /**
     * The definition a RegisterTaskDefinition request asks for, before registration checks and
     * completes it. Parameters berth cannot act on are refused with ClientException.
     */
    static TaskDefinition draft(RegisterTaskDefinitionRequest r, Scope scope, Map<String, String> tags,
                                Instant now, String registeredBy) {
        if (r.proxyConfiguration() != null) {
            throw EcsErrors.CLIENT.exception("berth does not support 'proxyConfiguration'.");
        }
        if (r.hasInferenceAccelerators() && !r.inferenceAccelerators().isEmpty()) {
            throw EcsErrors.CLIENT.exception("berth does not support 'inferenceAccelerators'.");
        }
        if (Boolean.TRUE.equals(r.enableFaultInjection())) {
            throw EcsErrors.CLIENT.exception("berth does not support 'enableFaultInjection'.");
        }
        List<Volume> volumes = map(r.volumes(), TaskDefinitionMapping::volume);
        RuntimePlatform platform = r.runtimePlatform() == null ? RuntimePlatform.none()
                : new RuntimePlatform(text(r.runtimePlatform().cpuArchitectureAsString()),
                text(r.runtimePlatform().operatingSystemFamilyAsString()));
        if (platform.windows()) {
            throw EcsErrors.CLIENT.exception("berth runs Linux containers only; operatingSystemFamily '"
                    + platform.operatingSystemFamily() + "' is not supported.");
        }
        return new TaskDefinition(scope.accountId(), scope.region(), text(r.family()), 0, TaskDefinitionStatus.ACTIVE,
                text(r.taskRoleArn()), text(r.executionRoleArn()), text(r.networkModeAsString()),
                map(r.containerDefinitions(), ContainerDefinitionMapping::toCore), volumes,
                map(r.placementConstraints(), c -> new TaskPlacementConstraint(text(c.typeAsString()), text(c.expression()))),
                r.requiresCompatibilitiesAsStrings(), List.of(), List.of(), text(r.cpu()), text(r.memory()), 0, 0,
                text(r.pidModeAsString()), text(r.ipcModeAsString()),
                r.ephemeralStorage() == null ? 0 : number(r.ephemeralStorage().sizeInGiB()), platform, tags, now,
                Instant.EPOCH, registeredBy);
    }

    private static Volume volume(software.amazon.awssdk.services.ecs.model.Volume v) {
        String name = text(v.name());
        if (v.efsVolumeConfiguration() != null || v.fsxWindowsFileServerVolumeConfiguration() != null
                || Boolean.TRUE.equals(v.configuredAtLaunch())) {
            throw EcsErrors.CLIENT.exception("Volume '" + name + "' uses a volume type berth does not support (EFS, FSx"
                    + " or configured at launch).");
        }
        if (v.dockerVolumeConfiguration() != null) {
            if (v.host() != null) {
                throw EcsErrors.CLIENT.exception("Volume '" + name + "' cannot have both 'host' and"
                        + " 'dockerVolumeConfiguration'.");
            }
            var d = v.dockerVolumeConfiguration();
            return Volume.docker(name, new Volume.DockerVolumeConfiguration(
                    d.scope() == null ? Volume.DockerVolumeConfiguration.TASK : d.scopeAsString(),
                    Boolean.TRUE.equals(d.autoprovision()), text(d.driver()), orEmpty(d.driverOpts()),
                    orEmpty(d.labels())));
        }
        return Volume.host(name, v.host() == null ? "" : text(v.host().sourcePath()));
    }

    static software.amazon.awssdk.services.ecs.model.TaskDefinition toSdk(TaskDefinition d) {
        var b = software.amazon.awssdk.services.ecs.model.TaskDefinition.builder()
                .taskDefinitionArn(d.arn())
                .containerDefinitions(d.containerDefinitions().stream().map(ContainerDefinitionMapping::toSdk).toList())
                .family(d.family())
                .revision(d.revision())
                .volumes(d.volumes().stream().map(TaskDefinitionMapping::volume).toList())
                .status(d.status().name())
                .requiresAttributes(d.requiresAttributes().stream()
                        .map(a -> Attribute.builder().name(a).build()).toList())
                .placementConstraints(d.placementConstraints().stream().map(c -> TaskDefinitionPlacementConstraint
                        .builder().type(c.type()).expression(c.expression()).build()).toList())
                .compatibilitiesWithStrings(d.compatibilities())
                .registeredAt(d.registeredAt())
                .registeredBy(d.registeredBy());
        if (!d.taskRoleArn().isEmpty()) b.taskRoleArn(d.taskRoleArn());
        if (!d.executionRoleArn().isEmpty()) b.executionRoleArn(d.executionRoleArn());
        b.networkMode(d.effectiveNetworkMode().wireName());
        if (!d.requiresCompatibilities().isEmpty()) b.requiresCompatibilitiesWithStrings(d.requiresCompatibilities());
        if (!d.cpu().isEmpty()) b.cpu(d.cpu());
        if (!d.memory().isEmpty()) b.memory(d.memory());
        if (!d.pidMode().isEmpty()) b.pidMode(d.pidMode());
        if (!d.ipcMode().isEmpty()) b.ipcMode(d.ipcMode());
        if (d.ephemeralStorageGiB() > 0) b.ephemeralStorage(e -> e.sizeInGiB(d.ephemeralStorageGiB()));
        if (!d.runtimePlatform().isNone()) {
            b.runtimePlatform(p -> {
                if (!d.runtimePlatform().cpuArchitecture().isEmpty()) p.cpuArchitecture(d.runtimePlatform().cpuArchitecture());
                if (!d.runtimePlatform().operatingSystemFamily().isEmpty()) {
                    p.operatingSystemFamily(d.runtimePlatform().operatingSystemFamily());
                }
            });
        }
        d.deregistered().ifPresent(b::deregisteredAt);
        return b.build();
    }

    private static software.amazon.awssdk.services.ecs.model.Volume volume(Volume v) {
        var b = software.amazon.awssdk.services.ecs.model.Volume.builder().name(v.name());
        if (v.kind() == Volume.Kind.DOCKER) {
            var d = v.docker();
            var docker = software.amazon.awssdk.services.ecs.model.DockerVolumeConfiguration.builder().scope(d.scope());
            if (Volume.DockerVolumeConfiguration.SHARED.equals(d.scope())) docker.autoprovision(d.autoprovision());
            if (!d.driver().isEmpty()) docker.driver(d.driver());
            if (!d.driverOpts().isEmpty()) docker.driverOpts(d.driverOpts());
            if (!d.labels().isEmpty()) docker.labels(d.labels());
            b.dockerVolumeConfiguration(docker.build());
        } else if (!v.hostSourcePath().isEmpty()) {
            b.host(h -> h.sourcePath(v.hostSourcePath()));
        }
        return b.build();
    }
}
