package berth.autoscaling.core;

import berth.aws.text.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Whether a scheduled action runs now, and what it makes of its target's limits. Pure. */
public final class ScheduledScaling {
    private ScheduledScaling() {}

    /** The firing time the action is due for, if it is due now. */
    public static Optional<Instant> due(ScheduledAction action, Instant now) {
        if (action.startTime() != null && now.isBefore(action.startTime())) return Optional.empty();
        if (action.endTime() != null && now.isAfter(action.endTime())) return Optional.empty();
        Schedule schedule = Schedule.parse(action.schedule());
        Instant anchor = action.startTime() != null ? action.startTime() : action.creationTime();
        return schedule.lastDue(action.lastRun(), now, ZoneId.of(action.timezone()), anchor);
    }

    /** The target with the action's minimum and maximum applied (one not given stays). */
    public static ScalableTarget apply(ScalableTarget target, ScheduledAction action) {
        int min = action.minCapacity() >= 0 ? action.minCapacity() : target.minCapacity();
        int max = action.maxCapacity() >= 0 ? action.maxCapacity() : target.maxCapacity();
        if (min > max) {
            if (action.minCapacity() >= 0) max = min;
            else min = max;
        }
        return target.withCapacity(min, max);
    }

    /** The activity's description: "Setting min capacity to 2 and max capacity to 5". */
    public static String describe(ScheduledAction action) {
        if (action.minCapacity() >= 0 && action.maxCapacity() >= 0) {
            return "min capacity to " + action.minCapacity() + " and max capacity to " + action.maxCapacity();
        }
        return action.minCapacity() >= 0 ? "min capacity to " + action.minCapacity()
                : "max capacity to " + action.maxCapacity();
    }
}
