package berth.ecs.core.instance;

import berth.ecs.core.HostPorts;
import java.util.Set;

/**
 * Resources of a container instance as ECS reports them: CPU units, memory MiB, and the TCP and
 * UDP host ports that are taken. In registered resources the ports are those the host reserves for
 * itself (SSH, Docker, the agent); in remaining resources they also include the ports tasks hold.
 */
public record InstanceResources(int cpu, int memoryMiB, Set<Integer> tcpPorts, Set<Integer> udpPorts) {
    public InstanceResources {
        tcpPorts = Set.copyOf(tcpPorts);
        udpPorts = Set.copyOf(udpPorts);
    }

    public HostPorts ports() {
        return new HostPorts(tcpPorts, udpPorts);
    }

    /** These resources after a task took {@code taskCpu}, {@code taskMemoryMiB} and {@code taskPorts}. */
    public InstanceResources minus(int taskCpu, int taskMemoryMiB, HostPorts taskPorts) {
        HostPorts taken = ports().plus(taskPorts);
        return new InstanceResources(cpu - taskCpu, memoryMiB - taskMemoryMiB, taken.tcp(), taken.udp());
    }

    /** These resources after a task gave back {@code taskCpu}, {@code taskMemoryMiB} and {@code taskPorts}. */
    public InstanceResources plus(int taskCpu, int taskMemoryMiB, HostPorts taskPorts) {
        Set<Integer> tcp = new java.util.HashSet<>(tcpPorts);
        tcp.removeAll(taskPorts.tcp());
        Set<Integer> udp = new java.util.HashSet<>(udpPorts);
        udp.removeAll(taskPorts.udp());
        return new InstanceResources(cpu + taskCpu, memoryMiB + taskMemoryMiB, tcp, udp);
    }
}
