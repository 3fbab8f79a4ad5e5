package berth.s3.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A bucket's event notifications: SQS queues with the events and key filters each wants, and whether
 * events go to EventBridge.
 */
public record Notifications(List<QueueTarget> queues, boolean eventBridge) {
    public static final Notifications NONE = new Notifications(List.of(), false);

    public Notifications {
        queues = List.copyOf(queues);
    }

    /**
     * One queue configuration.
     *
     * @param events event names or patterns ({@code s3:ObjectCreated:*})
     * @param prefix key prefix filter; empty for none
     * @param suffix key suffix filter; empty for none
     */
    public record QueueTarget(String id, String queueArn, List<String> events, String prefix, String suffix) {
        public QueueTarget {
            events = List.copyOf(events);
        }

        public boolean wants(String eventName, String key) {
            return key.startsWith(prefix) && key.endsWith(suffix)
                    && events.stream().anyMatch(pattern -> EventNames.matches(pattern, eventName));
        }
    }

    /** The queue configurations an event goes to. */
    public List<QueueTarget> targets(String eventName, String key) {
        List<QueueTarget> out = new ArrayList<>();
        for (QueueTarget target : queues) {
            if (target.wants(eventName, key)) out.add(target);
        }
        return out;
    }

    /** Whether two configurations would both take some event of some key, which S3 refuses. */
    public static boolean overlap(QueueTarget a, QueueTarget b) {
        boolean events = a.events().stream().anyMatch(x -> b.events().stream().anyMatch(y -> EventNames.overlap(x, y)));
        boolean prefixes = a.prefix().startsWith(b.prefix()) || b.prefix().startsWith(a.prefix());
        boolean suffixes = a.suffix().endsWith(b.suffix()) || b.suffix().endsWith(a.suffix());
        return events && prefixes && suffixes;
    }
}
