package berth.ecs.core;

import java.util.HashSet;
import java.util.Set;

/**
 * Host ports by protocol: the ports a container instance has reserved, or the fixed host ports a
 * task needs. Dynamic host ports (hostPort 0 in bridge mode) are never listed here: they do not
 * constrain placement.
 */
public record HostPorts(Set<Integer> tcp, Set<Integer> udp) {

    private static final HostPorts NONE = new HostPorts(Set.of(), Set.of());

    public HostPorts {
        tcp = Set.copyOf(tcp);
        udp = Set.copyOf(udp);
    }

    public static HostPorts none() {
        return NONE;
    }

    public static HostPorts tcp(Integer... ports) {
        return new HostPorts(Set.of(ports), Set.of());
    }

    public boolean isEmpty() {
        return tcp.isEmpty() && udp.isEmpty();
    }

    /** True when any port of {@code other} is already in this set, on the same protocol. */
    public boolean overlaps(HostPorts other) {
        return anyIn(other.tcp, tcp) || anyIn(other.udp, udp);
    }

    public HostPorts plus(HostPorts other) {
        if (other.isEmpty()) {
            return this;
        }
        return new HostPorts(union(tcp, other.tcp), union(udp, other.udp));
    }

    private static boolean anyIn(Set<Integer> wanted, Set<Integer> reserved) {
        if (reserved.isEmpty()) {
            return false;
        }
        for (Integer port : wanted) {
            if (reserved.contains(port)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<Integer> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
