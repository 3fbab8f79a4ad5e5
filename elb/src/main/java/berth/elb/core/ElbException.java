package berth.elb.core;

import berth.aws.AwsException;

/**
 * A request Elastic Load Balancing refuses, with the error code AWS gives for it: the wire error
 * itself, so no room converts it.
 */
public final class ElbException extends AwsException {
    private final ElbError error;

    public ElbException(ElbError error, String message) {
        super(error.status(), error.code(), message);
        this.error = error;
    }

    public ElbError error() {
        return error;
    }
}
