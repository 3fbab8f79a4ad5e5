package berth.ecs.core.taskdef;

import static berth.ecs.core.taskdef.InvalidTaskDefinitionException.client;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks ECS makes on the containers of a task definition at registration, each failing with
 * ECS's error and message. Task-level checks are in {@link TaskDefinitionRegistration}.
 */
final class ContainerRules {
    static final int MAX_CONTAINERS = 10;
    static final int MIN_CONTAINER_MEMORY_MIB = 6;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private ContainerRules() {}

    /** Names, images, uniqueness and the essential container. */
    static void checkIdentity(List<ContainerDefinition> containers) {
        if (containers.isEmpty()) {
            throw client("Container list cannot be empty.");
        }
        if (containers.size() > MAX_CONTAINERS) {
            throw client("Too many containers.");
        }
        Set<String> names = new HashSet<>();
        for (ContainerDefinition container : containers) {
            if (container.name().isEmpty()) {
                throw client("Container.name should not be null or empty.");
            }
            if (!NAME.matcher(container.name()).matches()) {
                throw client("Container.name contains invalid characters.");
            }
            if (container.image().isBlank()) {
                throw client("Container.image should not be null or empty.");
            }
            if (!names.add(container.name())) {
                throw client("Container names must be unique within a Task Definition.");
            }
        }
        if (containers.stream().noneMatch(ContainerDefinition::essential)) {
            throw client("Task definition doesn't have any essential container.");
        }
    }

    /** Container memory and CPU against each other and against the task's sizes (0 when unset). */
    static void checkResources(List<ContainerDefinition> containers, int taskCpu, int taskMemory) {
        int reservations = 0;
        int cpus = 0;
        for (ContainerDefinition c : containers) {
            String name = c.name();
            if (c.memoryMiB() < 0 || (c.memoryMiB() > 0 && c.memoryMiB() < MIN_CONTAINER_MEMORY_MIB)) {
                throw client("Invalid 'memory' setting for container '" + name + "'. Minimum value is "
                        + MIN_CONTAINER_MEMORY_MIB + ".");
            }
            if (c.memoryReservationMiB() < 0
                    || (c.memoryReservationMiB() > 0 && c.memoryReservationMiB() < MIN_CONTAINER_MEMORY_MIB)) {
                throw client("Invalid 'memoryReservation' setting for container '" + name + "'. Minimum value is "
                        + MIN_CONTAINER_MEMORY_MIB + ".");
            }
            if (c.cpu() < 0) {
                throw client("Invalid 'cpu' setting for container '" + name + "'.");
            }
            if (taskMemory == 0 && c.memoryMiB() == 0 && c.memoryReservationMiB() == 0) {
                throw client("Invalid setting for container '" + name
                        + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
            }
            if (c.memoryMiB() > 0 && c.memoryReservationMiB() > c.memoryMiB()) {
                throw client("Invalid setting for container '" + name
                        + "'. 'memory' must be greater than or equal to 'memoryReservation'.");
            }
            if (taskMemory > 0 && c.memoryMiB() > taskMemory) {
                throw client("The 'memory' setting for container '" + name + "' is greater than for the task.");
            }
            reservations += c.memoryReservationMiB();
            cpus += c.cpu();
        }
        if (taskMemory > 0 && reservations > taskMemory) {
            throw client("The sum of all container 'memoryReservation' values cannot be greater than the value of"
                    + " the task 'memory'.");
        }
        if (taskCpu > 0 && cpus > taskCpu) {
            throw client("The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.");
        }
    }

    /**
     * Port mappings under {@code mode}, returning the containers with host ports completed: in
     * awsvpc and host mode an omitted host port becomes the container port.
     */
    static List<ContainerDefinition> completePorts(List<ContainerDefinition> containers, NetworkMode mode) {
        Set<Integer> tcp = new HashSet<>();
        Set<Integer> udp = new HashSet<>();
        return containers.stream().map(c -> {
            if (mode == NetworkMode.NONE && !c.portMappings().isEmpty()) {
                throw client("Port mappings are not supported when networkMode=none.");
            }
            List<PortMapping> completed = c.portMappings().stream().map(p -> {
                if (p.containerPort() < 1 || p.containerPort() > 65535) {
                    throw client("Invalid 'containerPort' setting for container '" + c.name() + "'.");
                }
                if (p.hostPort() < 0 || p.hostPort() > 65535) {
                    throw client("Invalid 'hostPort' setting for container '" + c.name() + "'.");
                }
                if (mode == NetworkMode.AWSVPC || mode == NetworkMode.HOST) {
                    if (p.hostPort() != 0 && p.hostPort() != p.containerPort()) {
                        throw client("When networkMode=" + mode.wireName()
                                + ", the host ports and container ports in port mappings must match.");
                    }
                    p = p.withHostPort(p.containerPort());
                }
                if (p.fixedHostPort() && !(p.udp() ? udp : tcp).add(p.hostPort())) {
                    throw client((p.udp() ? "UDP" : "TCP") + " host port '" + p.hostPort()
                            + "' is mapped multiple times in task.");
                }
                return p;
            }).toList();
            return c.withPortMappings(completed);
        }).toList();
    }

    /** Settings that only bridge mode allows. */
    static void checkNetworkSettings(List<ContainerDefinition> containers, NetworkMode mode) {
        if (mode != NetworkMode.AWSVPC && mode != NetworkMode.HOST) {
            return;
        }
        String network = "networkMode=" + mode.wireName();
        for (ContainerDefinition c : containers) {
            if (!c.links().isEmpty()) {
                throw client("Links are not supported when " + network);
            }
            if (mode == NetworkMode.AWSVPC && !c.hostname().isEmpty()) {
                throw client("hostname is not supported on container when " + network + ".");
            }
            if (mode == NetworkMode.AWSVPC && !c.extraHosts().isEmpty()) {
                throw client("Extra hosts are not supported on container when " + network);
            }
        }
    }

    /** Dependencies, volumes from other containers, mount points, health checks and log drivers. */
    static void checkReferences(List<ContainerDefinition> containers, List<Volume> volumes, String executionRoleArn) {
        Map<String, ContainerDefinition> byName = new java.util.HashMap<>();
        containers.forEach(c -> byName.put(c.name(), c));
        Set<String> volumeNames = new HashSet<>();
        volumes.forEach(v -> volumeNames.add(v.name()));
        for (ContainerDefinition c : containers) {
            for (ContainerDependency dependency : c.dependsOn()) {
                ContainerDefinition target = byName.get(dependency.containerName());
                if (target == null) {
                    throw client("Cannot depend on container + '" + dependency.containerName()
                            + "' because it does not exist");
                }
                var condition = dependency.condition();
                if ((condition == ContainerDependency.Condition.SUCCESS
                        || condition == ContainerDependency.Condition.COMPLETE) && target.essential()) {
                    throw client("A dependency container with SUCCESS or COMPLETE condition cannot be an essential"
                            + " container");
                }
                if (condition == ContainerDependency.Condition.HEALTHY && !target.hasHealthCheck()) {
                    throw client("A dependency container with HEALTHY condition must have health check configured");
                }
            }
            for (VolumeFrom from : c.volumesFrom()) {
                if (!byName.containsKey(from.sourceContainer())) {
                    throw client("Invalid 'volumesFrom' setting for container '" + c.name() + "'. Unknown container '"
                            + from.sourceContainer() + "'.");
                }
            }
            for (MountPoint mount : c.mountPoints()) {
                if (!volumeNames.contains(mount.sourceVolume())) {
                    throw client("Unknown volume '" + mount.sourceVolume() + "'.");
                }
            }
            if (c.hasHealthCheck()) {
                checkHealthCheck(c.name(), c.healthCheck());
            }
            if (!c.secrets().isEmpty() && executionRoleArn.isEmpty()) {
                throw client("When you are specifying container secrets, you must also specify a value for"
                        + " 'executionRoleArn'.");
            }
            if (c.hasLogConfiguration() && c.logConfiguration().awslogs()) {
                List<String> missing = List.of("awslogs-region", "awslogs-group").stream()
                        .filter(option -> !c.logConfiguration().options().containsKey(option)).toList();
                if (!missing.isEmpty()) {
                    throw client("Log driver awslogs requires options: " + String.join(", ", missing));
                }
            }
        }
    }

    private static void checkHealthCheck(String container, HealthCheck check) {
        range(container, "interval", check.intervalSeconds(), 5, 300);
        range(container, "timeout", check.timeoutSeconds(), 2, 60);
        range(container, "retries", check.retries(), 1, 10);
        range(container, "startPeriod", check.startPeriodSeconds(), 0, 300);
    }

    private static void range(String container, String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw client("Invalid 'healthCheck' setting for container '" + container + "'. '" + field
                    + "' must be between " + min + " and " + max + ".");
        }
    }
}
