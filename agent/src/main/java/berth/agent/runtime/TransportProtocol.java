package berth.agent.runtime;

/** The transport of a port mapping. */
public enum TransportProtocol {
    TCP, UDP;

    /** The engine's lower-case spelling: {@code tcp}, {@code udp}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
