package berth.agentwire;

/** A volume of the task ({@link TaskVolume#name()}) mounted into a container at {@code containerPath}. */
public record VolumeMount(String sourceVolume, String containerPath, boolean readOnly) {
    public VolumeMount {
        sourceVolume = WireValues.text(sourceVolume);
        containerPath = WireValues.text(containerPath);
    }
}
