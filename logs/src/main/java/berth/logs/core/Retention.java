package berth.logs.core;

import java.util.List;
import java.util.stream.Collectors;

/** The retention periods CloudWatch Logs accepts, and where a period puts the expiry cutoff. */
public final class Retention {
    public static final List<Integer> VALID_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final long DAY_MILLIS = 86_400_000L;

    private Retention() {}

    public static boolean valid(int days) {
        return VALID_DAYS.contains(days);
    }

    /** AWS's message for a period outside {@link #VALID_DAYS}. */
    public static String invalidMessage(int days) {
        return "1 validation error detected: Value '" + days + "' at 'retentionInDays' failed to satisfy constraint: "
                + "Member must satisfy enum value set: ["
                + VALID_DAYS.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]";
    }

    /**
     * The oldest event timestamp still retained at {@code nowMillis}: events stamped before it have
     * expired. {@link Long#MIN_VALUE} when the group keeps events forever.
     */
    public static long cutoff(int retentionInDays, long nowMillis) {
        return retentionInDays <= 0 ? Long.MIN_VALUE : nowMillis - retentionInDays * DAY_MILLIS;
    }
}
