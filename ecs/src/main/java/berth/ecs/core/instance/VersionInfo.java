package berth.ecs.core.instance;

import java.util.Objects;

/** The agent and Docker versions a container instance reports; empty when not reported. */
public record VersionInfo(String agentVersion, String agentHash, String dockerVersion) {
    private static final VersionInfo NONE = new VersionInfo("", "", "");

    public VersionInfo {
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(agentHash, "agentHash");
        Objects.requireNonNull(dockerVersion, "dockerVersion");
    }

    public static VersionInfo none() {
        return NONE;
    }
}
