package berth.agent.runtime;

import java.util.List;

/**
 * The host as the engine sees it: what a container instance registers with ECS.
 *
 * @param engineVersion   e.g. {@code 20.10.24}, reported as ECS {@code versionInfo.dockerVersion}
 * @param apiVersion      the engine API version, e.g. {@code 1.41}
 * @param osType          {@code linux} or {@code windows} (ECS attribute {@code ecs.os-type})
 * @param architecture    e.g. {@code x86_64} (ECS attribute {@code ecs.cpu-architecture})
 * @param cpus            logical CPUs available to containers
 * @param memoryMiB       total memory in MiB
 * @param logDrivers      log drivers the engine can use (ECS capabilities {@code logging-driver.*})
 */
public record EngineInfo(String engineVersion, String apiVersion, String operatingSystem, String osType,
                         String architecture, String kernelVersion, int cpus, long memoryMiB,
                         List<String> logDrivers) {

    public EngineInfo {
        logDrivers = List.copyOf(logDrivers);
    }

    /** The host's CPU in ECS units: 1024 per logical CPU. */
    public int cpuUnits() {
        return cpus * 1024;
    }
}
