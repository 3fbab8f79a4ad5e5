package berth.registry.state;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a lifecycle policy preview, kept until the next preview of the repository.
 *
 * @param policyText the policy the preview evaluated
 */
public record LifecyclePreview(String policyText, String status, Instant evaluatedAt, List<Result> results) {
    public LifecyclePreview {
        results = List.copyOf(results);
    }

    /** One image the policy would expire. */
    public record Result(String digest, List<String> tags, Instant pushedAt, int rulePriority) {
        public Result {
            tags = List.copyOf(tags);
        }
    }
}
