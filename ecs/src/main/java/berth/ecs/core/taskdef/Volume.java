package berth.ecs.core.taskdef;

import java.util.Map;
import java.util.Objects;

/**
 * A task volume. A {@link Kind#HOST} volume binds {@code hostSourcePath} from the instance, or,
 * with an empty path, is a scratch volume Docker creates for the task; a {@link Kind#DOCKER} volume
 * is a Docker named volume configured by {@code docker}.
 */
public record Volume(String name, Kind kind, String hostSourcePath, DockerVolumeConfiguration docker) {

    public enum Kind { HOST, DOCKER }

    /**
     * A Docker volume: {@code scope} {@code task} (removed with the task) or {@code shared} (kept,
     * reused by name); {@code autoprovision} creates a missing shared volume; {@code driver} is
     * empty for Docker's default.
     */
    public record DockerVolumeConfiguration(String scope, boolean autoprovision, String driver,
                                            Map<String, String> driverOpts, Map<String, String> labels) {
        public static final String TASK = "task";
        public static final String SHARED = "shared";
        private static final DockerVolumeConfiguration NONE =
                new DockerVolumeConfiguration("", false, "", Map.of(), Map.of());

        public DockerVolumeConfiguration {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(driver, "driver");
            driverOpts = berth.ecs.core.OrderedMaps.copyOf(driverOpts);
            labels = berth.ecs.core.OrderedMaps.copyOf(labels);
        }

        public static DockerVolumeConfiguration none() {
            return NONE;
        }
    }

    public Volume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hostSourcePath, "hostSourcePath");
        Objects.requireNonNull(docker, "docker");
    }

    public static Volume host(String name, String sourcePath) {
        return new Volume(name, Kind.HOST, sourcePath, DockerVolumeConfiguration.none());
    }

    public static Volume docker(String name, DockerVolumeConfiguration configuration) {
        return new Volume(name, Kind.DOCKER, "", configuration);
    }
}
