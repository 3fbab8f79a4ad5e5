package berth.sqs.core;

import berth.aws.Scope;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A queue as stored: where it is, its settings and tags, and the id of its messages in the journal
 * ({@code storageId}, fresh for every queue, so a queue deleted and created again starts empty).
 */
public record Queue(String accountId, String region, String name, String storageId, QueueSettings settings,
                    Instant createdAt, Instant modifiedAt, Map<String, String> tags) {

    public Queue {
        tags = Map.copyOf(new TreeMap<>(tags));
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return scope().arn("sqs", name);
    }

    public boolean fifo() {
        return settings.fifoQueue();
    }

    public Queue withSettings(QueueSettings changed, Instant now) {
        return new Queue(accountId, region, name, storageId, changed, createdAt, now, tags);
    }

    public Queue withTags(Map<String, String> changed) {
        return new Queue(accountId, region, name, storageId, settings, createdAt, modifiedAt, changed);
    }
}
