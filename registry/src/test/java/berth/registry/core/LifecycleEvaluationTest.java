package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleEvaluationTest {
    static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");

    static LifecycleEvaluation.Candidate image(String digest, int daysOld, String... tags) {
        return new LifecycleEvaluation.Candidate(digest, List.of(tags), NOW.minus(Duration.ofDays(daysOld)), false);
    }

    static List<String> expired(String policy, List<LifecycleEvaluation.Candidate> images) {
        return LifecycleEvaluation.evaluate(LifecyclePolicy.parse(policy.replace('\'', '"')), images, NOW).stream()
                .map(e -> e.image().digest()).toList();
    }

    @Test
    void untaggedImagesOlderThanTheLimitExpireOldestFirst() {
        String policy = "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'untagged','countType':'sinceImagePushed',"
                + "'countUnit':'days','countNumber':7},'action':{'type':'expire'}}]}";
        assertThat(expired(policy, List.of(image("new", 1), image("old", 10), image("older", 20), image("tagged", 30, "v1"))))
                .containsExactly("older", "old");
    }

    @Test
    void countRuleKeepsTheNewestAndHigherPriorityRulesProtectWhatTheySelect() {
        String policy = "{'rules':["
                + "{'rulePriority':1,'selection':{'tagStatus':'tagged','tagPrefixList':['prod'],'countType':'imageCountMoreThan','countNumber':1},'action':{'type':'expire'}},"
                + "{'rulePriority':2,'selection':{'tagStatus':'any','countType':'imageCountMoreThan','countNumber':2},'action':{'type':'expire'}}]}";
        List<LifecycleEvaluation.Candidate> images = List.of(
                image("prod-new", 1, "prod-2"), image("prod-old", 9, "prod-1"),
                image("dev-a", 2, "dev-a"), image("dev-b", 3, "dev-b"), image("untagged", 4));
        // rule 1 keeps prod-2, expires prod-1; rule 2 keeps the two newest of all (prod-new counts), may not touch prod-*
        assertThat(expired(policy, images)).containsExactly("prod-old", "untagged", "dev-b");
    }

    @Test
    void prefixListsNeedEveryPrefixAndIndexEntriesAreSpared() {
        String policy = "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'tagged','tagPrefixList':['alpha','beta'],"
                + "'countType':'imageCountMoreThan','countNumber':1},'action':{'type':'expire'}}]}";
        assertThat(expired(policy, List.of(image("both-new", 1, "alpha-2", "beta-2"), image("both-old", 5, "alpha-1", "beta-1"),
                image("alpha-only", 9, "alpha-0")))).containsExactly("both-old");
        String untagged = "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'untagged','countType':'imageCountMoreThan',"
                + "'countNumber':1},'action':{'type':'expire'}}]}";
        var child = new LifecycleEvaluation.Candidate("child", List.of(), NOW.minus(Duration.ofDays(50)), true);
        assertThat(expired(untagged, List.of(image("a", 1), image("b", 2), child))).containsExactly("b");
    }

    @Test
    void invalidPoliciesAreRefusedWithAReason() {
        for (String bad : List.of("not json", "{}", "{'rules':[]}",
                "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'tagged','countType':'imageCountMoreThan','countNumber':1},'action':{'type':'expire'}}]}",
                "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'untagged','countType':'sinceImagePushed','countNumber':1},'action':{'type':'expire'}}]}",
                "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'any','countType':'imageCountMoreThan','countNumber':1},'action':{'type':'expire'}},"
                        + "{'rulePriority':2,'selection':{'tagStatus':'tagged','tagPrefixList':['a'],'countType':'imageCountMoreThan','countNumber':1},'action':{'type':'expire'}}]}",
                "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'untagged','countType':'imageCountMoreThan','countNumber':0},'action':{'type':'expire'}}]}",
                "{'rules':[{'rulePriority':1,'selection':{'tagStatus':'untagged','countType':'imageCountMoreThan','countNumber':1},'action':{'type':'keep'}}]}")) {
            assertThatThrownBy(() -> LifecyclePolicy.parse(bad.replace('\'', '"'))).as(bad).isInstanceOf(LifecyclePolicy.InvalidPolicy.class);
        }
    }
}
