package berth.registry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ECR lifecycle policy: rules in priority order. {@link #parse} checks what ECR checks and names
 * the first problem in ECR's words.
 */
public record LifecyclePolicy(List<LifecycleRule> rules) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public LifecyclePolicy {
        rules = rules.stream().sorted(Comparator.comparingInt(LifecycleRule::priority)).toList();
    }

    /** Thrown for a policy text ECR would refuse. */
    public static final class InvalidPolicy extends RuntimeException {
        public InvalidPolicy(String message) {
            super(message, null, false, false);
        }
    }

    public static LifecyclePolicy parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new InvalidPolicy("Lifecycle policy validation failure: the policy is not valid JSON");
        }
        if (root == null || !root.isObject() || !root.path("rules").isArray() || root.path("rules").isEmpty()) {
            throw new InvalidPolicy("Lifecycle policy validation failure: object has missing required properties ([\"rules\"])");
        }
        List<LifecycleRule> rules = new ArrayList<>();
        Set<Integer> priorities = new HashSet<>();
        int untaggedRules = 0;
        for (JsonNode node : root.get("rules")) {
            LifecycleRule rule = rule(node);
            if (!priorities.add(rule.priority())) {
                throw new InvalidPolicy("Lifecycle policy validation failure: rulePriority " + rule.priority() + " is used by more than one rule");
            }
            if (!rule.tagStatus().equals(LifecycleRule.TAGGED)) untaggedRules++;
            rules.add(rule);
        }
        if (untaggedRules > 1) {
            throw new InvalidPolicy("Lifecycle policy validation failure: only one rule may select untagged images");
        }
        LifecyclePolicy policy = new LifecyclePolicy(rules);
        List<LifecycleRule> sorted = policy.rules();
        for (int i = 0; i < sorted.size() - 1; i++) {
            if (sorted.get(i).tagStatus().equals(LifecycleRule.ANY)) {
                throw new InvalidPolicy("Lifecycle policy validation failure: the rule with tagStatus 'any' must have the highest rulePriority");
            }
        }
        return policy;
    }

    private static LifecycleRule rule(JsonNode node) {
        if (!node.isObject()) throw new InvalidPolicy("Lifecycle policy validation failure: each rule must be an object");
        JsonNode priority = node.get("rulePriority");
        if (priority == null || !priority.isIntegralNumber() || priority.asLong() < 1 || priority.asLong() > 999) {
            throw new InvalidPolicy("Lifecycle policy validation failure: rulePriority must be an integer from 1 to 999");
        }
        JsonNode selection = node.get("selection");
        if (selection == null || !selection.isObject()) {
            throw new InvalidPolicy("Lifecycle policy validation failure: object has missing required properties ([\"selection\"])");
        }
        JsonNode action = node.get("action");
        if (action == null || !action.isObject() || !"expire".equals(action.path("type").asText())) {
            throw new InvalidPolicy("Lifecycle policy validation failure: action.type must be \"expire\"");
        }
        String tagStatus = text(selection, "tagStatus");
        if (!Set.of(LifecycleRule.TAGGED, LifecycleRule.UNTAGGED, LifecycleRule.ANY).contains(tagStatus)) {
            throw new InvalidPolicy("Lifecycle policy validation failure: instance value (\"" + tagStatus
                    + "\") not found in enum (possible values: [\"tagged\",\"untagged\",\"any\"])");
        }
        List<String> prefixes = strings(selection, "tagPrefixList");
        List<String> patterns = strings(selection, "tagPatternList");
        if (tagStatus.equals(LifecycleRule.TAGGED)) {
            if (prefixes.isEmpty() == patterns.isEmpty()) {
                throw new InvalidPolicy("Lifecycle policy validation failure: a tagged rule needs exactly one of tagPrefixList and tagPatternList");
            }
        } else if (!prefixes.isEmpty() || !patterns.isEmpty()) {
            throw new InvalidPolicy("Lifecycle policy validation failure: tagPrefixList and tagPatternList are only allowed with tagStatus \"tagged\"");
        }
        String countType = text(selection, "countType");
        JsonNode count = selection.get("countNumber");
        if (count == null || !count.isIntegralNumber() || count.asLong() < 1 || count.asLong() > Integer.MAX_VALUE) {
            throw new InvalidPolicy("Lifecycle policy validation failure: countNumber must be a positive integer");
        }
        String unit = selection.has("countUnit") ? text(selection, "countUnit") : "";
        switch (countType) {
            case LifecycleRule.IMAGE_COUNT_MORE_THAN -> {
                if (!unit.isEmpty()) {
                    throw new InvalidPolicy("Lifecycle policy validation failure: countUnit is only allowed with countType \"sinceImagePushed\"");
                }
            }
            case LifecycleRule.SINCE_IMAGE_PUSHED -> {
                if (!unit.equals("days")) {
                    throw new InvalidPolicy("Lifecycle policy validation failure: countType \"sinceImagePushed\" needs countUnit \"days\"");
                }
            }
            default -> throw new InvalidPolicy("Lifecycle policy validation failure: instance value (\"" + countType
                    + "\") not found in enum (possible values: [\"sinceImagePushed\",\"imageCountMoreThan\"])");
        }
        String description = node.has("description") ? text(node, "description") : "";
        return new LifecycleRule(priority.asInt(), description, tagStatus, prefixes, patterns, countType, count.asInt());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidPolicy("Lifecycle policy validation failure: " + field + " must be a string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) return List.of();
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidPolicy("Lifecycle policy validation failure: " + field + " must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw new InvalidPolicy("Lifecycle policy validation failure: " + field + " must be a non-empty array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
