package berth.asg.core;

import berth.aws.Scope;
import java.time.Instant;

/**
 * A scaling activity of a group: a launch or a termination, its cause and outcome.
 *
 * @param statusCode {@code InProgress}, {@code Successful} or {@code Failed}
 * @param endTime    EPOCH while in progress
 */
public record Activity(String accountId, String region, String groupName, String id, String description, String cause,
                       Instant startTime, Instant endTime, String statusCode, String statusMessage, int progress,
                       String details) {
    public Scope scope() {
        return new Scope(accountId, region);
    }

    public Activity ended(String status, String message, Instant at) {
        return new Activity(accountId, region, groupName, id, description, cause, startTime, at, status, message, 100, details);
    }
}
