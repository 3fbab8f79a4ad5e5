package berth.agentwire;

import java.util.Map;

/**
 * How a Docker volume of a task is made: {@code scope} {@code task} (created for the task, removed
 * with it) or {@code shared} (kept and reused by name; created when missing only with
 * {@code autoprovision}); {@code driver} empty for the engine's {@code local}. {@link #NONE} for a
 * host volume.
 */
public record DockerVolumeSettings(String scope, boolean autoprovision, String driver, Map<String, String> driverOpts,
                                   Map<String, String> labels) {
    public static final String TASK = "task";
    public static final String SHARED = "shared";
    public static final DockerVolumeSettings NONE = new DockerVolumeSettings("", false, "", Map.of(), Map.of());

    public DockerVolumeSettings {
        scope = WireValues.text(scope);
        driver = WireValues.text(driver);
        driverOpts = WireValues.map(driverOpts);
        labels = WireValues.map(labels);
    }

    public boolean shared() {
        return SHARED.equals(scope);
    }
}
