package berth.ecs;

import berth.aws.Scope;
import java.util.List;

/**
 * The network interfaces of a scope's running awsvpc tasks, published by ECS with
 * {@code platform.publish(TaskInterfaces.class, ...)}: EC2 describes them beside its instances'
 * (DescribeNetworkInterfaces), as AWS lists the interfaces ECS made for tasks.
 */
@FunctionalInterface
public interface TaskInterfaces {
    /**
     * One task's interface: its {@code eni-} id, the ECS attachment id, its subnet and the address and
     * MAC address the task got there.
     */
    record TaskInterface(String networkInterfaceId, String attachmentId, String subnetId, String privateIpv4Address,
                         String macAddress, String taskArn) {}

    /** The interfaces of {@code scope}'s tasks not yet stopped that have their address. */
    List<TaskInterface> of(Scope scope);
}
