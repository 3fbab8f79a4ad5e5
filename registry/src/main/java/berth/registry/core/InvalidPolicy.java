package berth.registry.core;

/** A repository or registry policy berth refuses to store, with the reason in AWS's wording. */
public final class InvalidPolicy extends RuntimeException {
    public InvalidPolicy(String message) {
        super(message, null, false, false);
    }
}
