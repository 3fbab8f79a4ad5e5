package berth.agentwire;

/** A tmpfs of {@code sizeMiB} mounted into a container at {@code containerPath}. */
public record TmpfsMount(String containerPath, int sizeMiB) {
    public TmpfsMount {
        containerPath = WireValues.text(containerPath);
    }
}
