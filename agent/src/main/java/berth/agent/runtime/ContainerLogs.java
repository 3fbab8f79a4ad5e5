package berth.agent.runtime;

/** What a container has written so far, per stream. */
public record ContainerLogs(String stdout, String stderr) {}
