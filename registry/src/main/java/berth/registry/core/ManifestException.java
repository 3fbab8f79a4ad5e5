package berth.registry.core;

/** A manifest berth refuses to store, and why. */
public final class ManifestException extends RuntimeException {
    /** {@code INVALID}: malformed or inconsistent; {@code UNSUPPORTED}: well-formed but of a kind berth does not serve. */
    public enum Reason { INVALID, UNSUPPORTED }

    private final Reason reason;

    public ManifestException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public static ManifestException invalid(String message) {
        return new ManifestException(Reason.INVALID, message);
    }

    public Reason reason() {
        return reason;
    }
}
