package berth.agentwire;

/** The paths, header, limits and error codes of berth's agent protocol (see {@code package-info}). */
public final class AgentProtocol {
    public static final String PREFIX = "/_berth/ecs/v1/";
    /** {@code GET}: the long-poll of one instance's {@link AssignmentBatch}, also the agent's heartbeat. */
    public static final String ASSIGNMENTS = PREFIX + "assignments";
    /** {@code POST} of a {@link TaskObservation}. */
    public static final String OBSERVATIONS = PREFIX + "observations";
    /** {@code POST} of a {@link UsageReport}: the resources the agent's running tasks use (protocol 1.1). */
    public static final String USAGE = PREFIX + "usage";
    /** The request header in which an agent names the {@link ProtocolVersion} it speaks. */
    public static final String VERSION_HEADER = "X-Berth-Agent-Protocol";
    /** The {@code containerInstance} with which a Fargate runner polls. */
    public static final String FARGATE_INSTANCE = "fargate";
    /** The longest {@code waitSeconds} a poll waits. */
    public static final int MAX_WAIT_SECONDS = 30;
    /** An instance that has not polled for this long is reported {@code agentConnected=false}. */
    public static final int HEARTBEAT_TIMEOUT_SECONDS = 30;
    /** The error code of a request whose protocol version the control plane does not speak (status 400). */
    public static final String UNSUPPORTED_VERSION = "UnsupportedAgentProtocol";

    private AgentProtocol() {}
}
