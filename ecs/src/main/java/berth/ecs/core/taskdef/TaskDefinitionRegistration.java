package berth.ecs.core.taskdef;

import static berth.ecs.core.taskdef.InvalidTaskDefinitionException.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registration of a task definition: the checks ECS makes, in the order it reports them, then the
 * fields ECS completes (host ports in awsvpc and host mode, sizes in units, compatibilities and the
 * instance attributes the definition requires). Pure: the revision number and the store are the
 * caller's.
 */
public final class TaskDefinitionRegistration {
    private static final Set<String> FARGATE_LOG_DRIVERS = Set.of("awslogs", "splunk", "awsfirelens");

    private TaskDefinitionRegistration() {}

    /**
     * The definition {@code draft} becomes when registered, or {@link InvalidTaskDefinitionException}
     * with ECS's error. {@code draft.cpu()} and {@code draft.memory()} are the strings the request sent.
     */
    public static TaskDefinition register(TaskDefinition draft) {
        if (!TaskDefinitionRef.validFamily(draft.family())) {
            throw client("Family contains invalid characters.");
        }
        ContainerRules.checkIdentity(draft.containerDefinitions());
        int cpu = parseCpu(draft.cpu());
        int memory = parseMemory(draft.memory());
        NetworkMode mode = draft.effectiveNetworkMode();
        if (draft.requiresFargate()) {
            fargateViolation(draft, cpu, memory).ifPresent(message -> {
                throw client(message);
            });
        } else if (cpu > 0 && (cpu < TaskSize.MIN_EC2_CPU || cpu > TaskSize.MAX_EC2_CPU)) {
            throw client("Invalid 'cpu' setting for task.");
        }
        if (draft.ephemeralStorageGiB() != 0 && (draft.ephemeralStorageGiB() < 21 || draft.ephemeralStorageGiB() > 200)) {
            throw InvalidTaskDefinitionException.invalidParameter(
                    "The ephemeral storage size must be between 21 GiB and 200 GiB.");
        }
        ContainerRules.checkResources(draft.containerDefinitions(), cpu, memory);
        List<ContainerDefinition> containers = ContainerRules.completePorts(draft.containerDefinitions(), mode);
        ContainerRules.checkNetworkSettings(containers, mode);
        checkVolumes(draft.volumes());
        ContainerRules.checkReferences(containers, draft.volumes(), draft.executionRoleArn());
        for (TaskPlacementConstraint constraint : draft.placementConstraints()) {
            if (!TaskPlacementConstraint.MEMBER_OF.equals(constraint.type())) {
                throw InvalidTaskDefinitionException.invalidParameter(
                        "Invalid placement constraint type: " + constraint.type() + ". Task definitions only"
                                + " support memberOf constraints.");
            }
        }
        List<String> compatibilities = new ArrayList<>();
        if (mode != NetworkMode.AWSVPC) {
            compatibilities.add(TaskDefinition.EXTERNAL);
        }
        compatibilities.add(TaskDefinition.EC2);
        if (fargateViolation(draft, cpu, memory).isEmpty()) {
            compatibilities.add(TaskDefinition.FARGATE);
        }
        return draft.completed(cpu == 0 ? "" : Integer.toString(cpu), memory == 0 ? "" : Integer.toString(memory),
                cpu, memory, containers, compatibilities, requiredAttributes(draft, containers, mode));
    }

    /**
     * The container resource rules of registration, for a definition RunTask's overrides changed:
     * {@link InvalidTaskDefinitionException} with ECS's message when {@code containers} break one.
     */
    public static void checkResources(List<ContainerDefinition> containers, int taskCpu, int taskMemory) {
        ContainerRules.checkResources(containers, taskCpu, taskMemory);
    }

    /** Why Fargate cannot run {@code definition} as it stands (overrides applied); empty when it can. */
    public static Optional<String> fargateViolation(TaskDefinition definition) {
        return fargateViolation(definition, definition.cpuUnits(), definition.memoryMiB());
    }

    private static int parseCpu(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return TaskSize.cpuUnits(text).orElseThrow(() -> client("Invalid 'cpu' setting for task."));
    }

    private static int parseMemory(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return TaskSize.memoryMiB(text).orElseThrow(() -> client("Invalid 'memory' setting for task."));
    }

    /** Why Fargate cannot run {@code draft}, in the order ECS reports it; empty when it can. */
    static Optional<String> fargateViolation(TaskDefinition draft, int cpu, int memory) {
        if (draft.effectiveNetworkMode() != NetworkMode.AWSVPC) {
            return Optional.of("Fargate only supports network mode \u2018awsvpc\u2019.");
        }
        if (cpu == 0) {
            return Optional.of("Fargate requires that 'cpu' be defined at the task level.");
        }
        if (memory == 0) {
            return Optional.of("Fargate requires that 'memory' be defined at the task level.");
        }
        if (!TaskSize.fargateSupports(cpu, memory)) {
            return Optional.of("No Fargate configuration exists for given values: " + cpu + " CPU, " + memory
                    + " memory. See the Amazon ECS documentation for the valid values.");
        }
        if ("host".equals(draft.pidMode())) {
            return Optional.of("Tasks using the Fargate launch type do not support pidMode 'host'.");
        }
        if (!draft.ipcMode().isEmpty()) {
            return Optional.of("Tasks using the Fargate launch type do not support ipcMode.");
        }
        if (!draft.placementConstraints().isEmpty()) {
            return Optional.of("Fargate compatible task definitions do not support constraints");
        }
        for (Volume volume : draft.volumes()) {
            if (volume.kind() == Volume.Kind.DOCKER) {
                return Optional.of("Fargate compatible task definitions do not support dockerVolumeConfiguration");
            }
            if (!volume.hostSourcePath().isEmpty()) {
                return Optional.of("Fargate compatible task definitions do not support sourcePath");
            }
        }
        for (ContainerDefinition c : draft.containerDefinitions()) {
            if (c.privileged()) {
                return Optional.of("Fargate requires that the 'privileged' setting be 'false'");
            }
            if (c.hasLogConfiguration()) {
                String driver = c.logConfiguration().logDriver();
                if (!FARGATE_LOG_DRIVERS.contains(driver)) {
                    return Optional.of(driver + " is not a valid log driver. Must be one of [awslogs, splunk,"
                            + " awsfirelens]");
                }
                if (c.logConfiguration().awslogs() && draft.executionRoleArn().isEmpty()) {
                    return Optional.of("Fargate requires task definition to have execution role ARN to support log"
                            + " driver awslogs.");
                }
            }
            if (ecrImage(c.image()) && draft.executionRoleArn().isEmpty()) {
                return Optional.of("Fargate requires task definition to have execution role ARN to support ECR"
                        + " images.");
            }
        }
        return Optional.empty();
    }

    private static void checkVolumes(List<Volume> volumes) {
        Set<String> names = new TreeSet<>();
        for (Volume volume : volumes) {
            if (volume.name().isEmpty()) {
                throw client("Volume.name should not be null or empty.");
            }
            if (!names.add(volume.name())) {
                throw client("Volume names must be unique within a Task Definition.");
            }
            String scope = volume.docker().scope();
            if (volume.kind() == Volume.Kind.DOCKER && volume.docker().autoprovision()
                    && !Volume.DockerVolumeConfiguration.SHARED.equals(scope)) {
                throw client("Invalid 'dockerVolumeConfiguration' for volume '" + volume.name()
                        + "'. 'autoprovision' is only supported when 'scope' is 'shared'.");
            }
        }
    }

    static boolean ecrImage(String image) {
        int slash = image.indexOf('/');
        return slash > 0 && image.substring(0, slash).contains(".dkr.ecr.");
    }

    /**
     * The instance attributes an EC2 instance must have to run the definition, named as the ECS
     * agent registers its capabilities.
     */
    private static List<String> requiredAttributes(TaskDefinition draft, List<ContainerDefinition> containers,
                                                   NetworkMode mode) {
        Set<String> attributes = new TreeSet<>();
        String capability = "com.amazonaws.ecs.capability.";
        if (mode == NetworkMode.AWSVPC) {
            attributes.add("ecs.capability.task-eni");
        }
        if (!draft.taskRoleArn().isEmpty()) {
            attributes.add(capability + "task-iam-role");
        }
        if (draft.volumes().stream().anyMatch(v -> v.kind() == Volume.Kind.DOCKER)) {
            attributes.add(capability + "docker-remote-api.1.25");
        }
        for (ContainerDefinition c : containers) {
            if (c.hasLogConfiguration()) {
                attributes.add(capability + "logging-driver." + c.logConfiguration().logDriver());
                if (c.logConfiguration().awslogs()) {
                    attributes.add(capability + "docker-remote-api.1.19");
                    if (!draft.executionRoleArn().isEmpty()) {
                        attributes.add("ecs.capability.execution-role-awslogs");
                    }
                }
            }
            if (c.memoryReservationMiB() > 0) {
                attributes.add(capability + "docker-remote-api.1.21");
            }
            if (c.hasHealthCheck()) {
                attributes.add("ecs.capability.container-health-check");
            }
            if (!c.dependsOn().isEmpty()) {
                attributes.add("ecs.capability.container-ordering");
            }
            if (c.privileged()) {
                attributes.add(capability + "privileged-container");
            }
            if (c.linuxParameters().initProcessEnabled()) {
                attributes.add(capability + "docker-remote-api.1.25");
            }
            if (!c.environmentFiles().isEmpty()) {
                attributes.add("ecs.capability.env-files.s3");
            }
            if (!c.repositoryCredentials().isEmpty()) {
                attributes.add(capability + "private-registry-authentication.secretsmanager");
            }
            for (Secret secret : c.secrets()) {
                attributes.add(secret.fromSecretsManager()
                        ? "ecs.capability.secrets.asm.environment-variables"
                        : "ecs.capability.secrets.ssm.environment-variables");
            }
            if (ecrImage(c.image())) {
                attributes.add(capability + "ecr-auth");
                if (!draft.executionRoleArn().isEmpty()) {
                    attributes.add("ecs.capability.execution-role-ecr-pull");
                }
            }
        }
        return List.copyOf(attributes);
    }
}
