package berth.agentwire;

/** Another container of the task whose volumes a container mounts. */
public record VolumesFromContainer(String sourceContainer, boolean readOnly) {
    public VolumesFromContainer {
        sourceContainer = WireValues.text(sourceContainer);
    }
}
