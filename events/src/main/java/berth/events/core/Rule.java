package berth.events.core;

import java.util.List;
import java.util.Map;

/**
 * A rule on an event bus (kind {@code events.rule}, key {@code account/region/bus/name}) with its
 * targets: an event pattern, a schedule expression (default bus only), or both.
 *
 * @param eventPattern empty for none
 * @param scheduleExpression {@code rate(…)} or {@code cron(…)}; empty for none
 * @param cursorMillis a schedule's last committed occurrence (the creation time before the first)
 * @param anchorMillis where a rate's occurrences are counted from
 */
public record Rule(String accountId, String region, String bus, String name, String arn, String description,
                   String eventPattern, String scheduleExpression, State state, String roleArn, String managedBy,
                   List<Target> targets, long cursorMillis, long anchorMillis, long createdMillis, Map<String, String> tags) {
    public static final int MAX_TARGETS = 5;

    public enum State { ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS }

    public Rule {
        targets = List.copyOf(targets);
        tags = Map.copyOf(tags);
    }

    public static String arn(String accountId, String region, String bus, String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/"
                + (bus.equals(EventBus.DEFAULT) ? "" : bus + "/") + name;
    }

    public boolean enabled() {
        return state != State.DISABLED;
    }

    public Rule withTargets(List<Target> newTargets) {
        return new Rule(accountId, region, bus, name, arn, description, eventPattern, scheduleExpression, state, roleArn,
                managedBy, newTargets, cursorMillis, anchorMillis, createdMillis, tags);
    }

    public Rule withState(State newState) {
        return new Rule(accountId, region, bus, name, arn, description, eventPattern, scheduleExpression, newState, roleArn,
                managedBy, targets, cursorMillis, anchorMillis, createdMillis, tags);
    }

    public Rule withCursor(long newCursor) {
        return new Rule(accountId, region, bus, name, arn, description, eventPattern, scheduleExpression, state, roleArn,
                managedBy, targets, newCursor, anchorMillis, createdMillis, tags);
    }

    public Rule withTags(Map<String, String> newTags) {
        return new Rule(accountId, region, bus, name, arn, description, eventPattern, scheduleExpression, state, roleArn,
                managedBy, targets, cursorMillis, anchorMillis, createdMillis, newTags);
    }
}
