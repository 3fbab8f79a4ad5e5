package berth.ecs.core.task;

import java.util.List;
import java.util.Objects;

/**
 * One container of a task as ECS describes it. Text fields are empty until known ({@code runtimeId}
 * until the agent created the container, {@code imageDigest} until it pulled the image,
 * {@code reason} unless the agent gave one); {@code exitCode} is meaningful only when
 * {@code exited}. {@code healthStatus} is HEALTHY, UNHEALTHY or UNKNOWN (also for containers without a
 * health check). {@code privateIpv4Address} is the container's address in its task's awsvpc network,
 * empty otherwise.
 */
public record TaskContainer(String name, String containerArn, String image, String imageDigest, String runtimeId,
                            ContainerStatus lastStatus, boolean exited, int exitCode, String reason,
                            List<NetworkBinding> networkBindings, String privateIpv4Address, String healthStatus,
                            boolean essential, int cpu, int memoryMiB, int memoryReservationMiB) {
    public static final String UNKNOWN = "UNKNOWN";

    public TaskContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(containerArn, "containerArn");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageDigest, "imageDigest");
        Objects.requireNonNull(runtimeId, "runtimeId");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(privateIpv4Address, "privateIpv4Address");
        Objects.requireNonNull(healthStatus, "healthStatus");
        networkBindings = List.copyOf(networkBindings);
    }

    /** This container after the agent's {@code report}; a status never goes back, unreported fields are kept. */
    public TaskContainer reported(ContainerReport report) {
        ContainerStatus next = lastStatus.mayMoveTo(report.status()) ? report.status() : lastStatus;
        return new TaskContainer(name, containerArn, image,
                report.imageDigest().isEmpty() ? imageDigest : report.imageDigest(),
                report.runtimeId().isEmpty() ? runtimeId : report.runtimeId(), next, exited || report.exited(),
                report.exited() ? report.exitCode() : exitCode, report.reason().isEmpty() ? reason : report.reason(),
                report.networkBindings().isEmpty() ? networkBindings : report.networkBindings(), privateIpv4Address,
                healthStatus, essential, cpu, memoryMiB, memoryReservationMiB);
    }

    public TaskContainer withHealth(String status) {
        return new TaskContainer(name, containerArn, image, imageDigest, runtimeId, lastStatus, exited, exitCode,
                reason, networkBindings, privateIpv4Address, status, essential, cpu, memoryMiB, memoryReservationMiB);
    }

    public TaskContainer withAddress(String address) {
        return new TaskContainer(name, containerArn, image, imageDigest, runtimeId, lastStatus, exited, exitCode,
                reason, networkBindings, address, healthStatus, essential, cpu, memoryMiB, memoryReservationMiB);
    }

    /** This container stopped by the control plane (its host is gone): STOPPED, keeping what was known. */
    public TaskContainer stopped(String why) {
        return new TaskContainer(name, containerArn, image, imageDigest, runtimeId, ContainerStatus.STOPPED, exited,
                exitCode, reason.isEmpty() ? why : reason, networkBindings, privateIpv4Address, healthStatus,
                essential, cpu, memoryMiB, memoryReservationMiB);
    }
}
