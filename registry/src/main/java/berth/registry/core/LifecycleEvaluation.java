package berth.registry.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which images a lifecycle policy expires, decided as ECR decides it: rules in priority order; each
 * rule selects by tag, newest first; an image selected by a rule can only be expired by that rule
 * (lower-priority rules still count it, but never expire it); an image an index in the same
 * repository refers to is never expired while that index exists.
 */
public final class LifecycleEvaluation {
    private LifecycleEvaluation() {}

    /** What the evaluator knows about one image. */
    public record Candidate(String digest, List<String> tags, Instant pushedAt, boolean referencedByIndex) {
        public Candidate {
            tags = List.copyOf(tags);
        }
    }

    /** An image to expire and the priority of the rule that expires it. */
    public record Expiry(Candidate image, int rulePriority) {}

    public static List<Expiry> evaluate(LifecyclePolicy policy, List<Candidate> images, Instant now) {
        List<Candidate> newestFirst = images.stream()
                .sorted(Comparator.comparing(Candidate::pushedAt).reversed().thenComparing(Candidate::digest))
                .toList();
        Set<String> claimed = new HashSet<>();
        Map<String, Expiry> expired = new LinkedHashMap<>();
        for (LifecycleRule rule : policy.rules()) {
            List<Candidate> selected = newestFirst.stream().filter(c -> rule.selects(c.tags())).toList();
            List<Candidate> beyond = new ArrayList<>();
            if (rule.countType().equals(LifecycleRule.IMAGE_COUNT_MORE_THAN)) {
                if (selected.size() > rule.countNumber()) beyond.addAll(selected.subList(rule.countNumber(), selected.size()));
            } else {
                Instant cutoff = now.minus(Duration.ofDays(rule.countNumber()));
                selected.stream().filter(c -> c.pushedAt().isBefore(cutoff)).forEach(beyond::add);
            }
            for (Candidate candidate : beyond) {
                if (!claimed.contains(candidate.digest()) && !candidate.referencedByIndex()) {
                    expired.putIfAbsent(candidate.digest(), new Expiry(candidate, rule.priority()));
                }
            }
            selected.forEach(c -> claimed.add(c.digest()));
        }
        // oldest first: expiry always removes older images before newer ones
        List<Expiry> out = new ArrayList<>(expired.values());
        out.sort(Comparator.comparing((Expiry e) -> e.image().pushedAt()).thenComparing(e -> e.image().digest()));
        return out;
    }
}
