package berth.scheduler.core;

/**
 * A schedule of one group (kind {@code scheduler.schedule}, key {@code account/region/group/name}).
 *
 * @param startMillis StartDate; 0 for none
 * @param endMillis EndDate; 0 for none
 * @param windowMinutes FlexibleTimeWindow.MaximumWindowInMinutes; 0 when the mode is OFF
 * @param anchorMillis where a rate counts from: the StartDate, else when the schedule was created or last updated
 * @param cursorMillis the scheduled time of the last invocation committed, or when counting began: only
 *                     occurrences after it are due
 * @param kmsKeyArn always empty: berth has no KMS, so a customer key is refused
 */
public record Schedule(String accountId, String region, String group, String name, String arn, String description,
                       String expression, String timezone, long startMillis, long endMillis, State state,
                       int windowMinutes, String actionAfterCompletion, String kmsKeyArn, Target target,
                       long anchorMillis, long cursorMillis, long createdMillis, long modifiedMillis, String clientToken) {

    public enum State { ENABLED, DISABLED }

    public boolean flexible() {
        return windowMinutes > 0;
    }

    public boolean deleteAfterCompletion() {
        return "DELETE".equals(actionAfterCompletion);
    }

    public Schedule withCursor(long cursor) {
        return new Schedule(accountId, region, group, name, arn, description, expression, timezone, startMillis, endMillis,
                state, windowMinutes, actionAfterCompletion, kmsKeyArn, target, anchorMillis, cursor, createdMillis,
                modifiedMillis, clientToken);
    }
}
