package berth.agentwire;

/** A ulimit of a container, e.g. {@code nofile} 1024/4096. */
public record ResourceLimit(String name, int softLimit, int hardLimit) {
    public ResourceLimit {
        name = WireValues.text(name);
    }
}
