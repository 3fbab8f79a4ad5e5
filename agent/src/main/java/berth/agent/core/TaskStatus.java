package berth.agent.core;

import java.util.Locale;

/** ECS's task lifecycle, in the order a task moves through it; a report never moves a task backwards. */
public enum TaskStatus {
    NONE, PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

    /** The status named {@code text} as ECS writes it; {@link #NONE} when empty or unknown. */
    public static TaskStatus of(String text) {
        try {
            return text.isEmpty() ? NONE : valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return NONE;
        }
    }

    public boolean after(TaskStatus other) {
        return compareTo(other) > 0;
    }

    public static TaskStatus latest(TaskStatus a, TaskStatus b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
