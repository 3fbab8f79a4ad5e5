package berth.agentwire;

/** A line a container's {@code /etc/hosts} gets. */
public record AddedHost(String hostname, String ipAddress) {
    public AddedHost {
        hostname = WireValues.text(hostname);
        ipAddress = WireValues.text(ipAddress);
    }
}
