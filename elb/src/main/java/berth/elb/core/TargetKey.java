package berth.elb.core;

/** A target within its group: an id and a port (one id may be registered on several ports). */
public record TargetKey(String id, int port) {
    @Override
    public String toString() {
        return id + ":" + port;
    }
}
