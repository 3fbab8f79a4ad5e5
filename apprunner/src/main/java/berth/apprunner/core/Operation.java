package berth.apprunner.core;

import java.time.Instant;

/**
 * One asynchronous operation on a service, as ListOperations reports it: type ({@code CREATE_SERVICE},
 * {@code START_DEPLOYMENT}, {@code PAUSE_SERVICE}, {@code RESUME_SERVICE}, {@code DELETE_SERVICE},
 * {@code UPDATE_SERVICE}) and status ({@code PENDING}, {@code IN_PROGRESS}, {@code SUCCEEDED},
 * {@code FAILED}). {@code endedAt} is null while it runs.
 */
public record Operation(String id, String type, String status, Instant startedAt, Instant updatedAt, Instant endedAt) {

    public boolean running() {
        return status.equals("IN_PROGRESS") || status.equals("PENDING");
    }

    public Operation ended(String finalStatus, Instant now) {
        return new Operation(id, type, finalStatus, startedAt, now, now);
    }
}
