package berth.scheduler.core;

/**
 * One invocation of a schedule, committed before it is attempted (kind {@code scheduler.invocation}, key
 * {@code account/region/group/name/<scheduled, 13 digits>}): the same occurrence always has the same key,
 * so a pass repeated after a restart cannot commit it twice, and the id doubles as ECS's client token.
 *
 * @param dueMillis the scheduled time plus the flexible window's offset: the first attempt's time
 * @param attempts attempts made so far
 * @param nextAttemptMillis when the next attempt is due
 * @param lastErrorCode the last attempt's error code; empty before any failure
 */
public record Invocation(String accountId, String region, String group, String name, String scheduleArn, String id,
                         long scheduledMillis, long dueMillis, int attempts, long nextAttemptMillis, Target target,
                         String lastErrorCode, String lastErrorMessage) {

    public Invocation failed(String code, String message, long retryAtMillis) {
        return new Invocation(accountId, region, group, name, scheduleArn, id, scheduledMillis, dueMillis, attempts + 1,
                retryAtMillis, target, code, message);
    }
}
