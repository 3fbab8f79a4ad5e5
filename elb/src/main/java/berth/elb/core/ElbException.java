package berth.elb.core;

/** A request Elastic Load Balancing refuses, with the error code AWS gives for it. */
public final class ElbException extends RuntimeException {
    private final ElbError error;

    public ElbException(ElbError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ElbError error() {
        return error;
    }
}
