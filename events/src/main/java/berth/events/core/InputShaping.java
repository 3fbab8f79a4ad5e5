package berth.events.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Optional;

/**
 * What a target is given for a matched event, as EventBridge shapes it: the event itself, a constant
 * Input, the part at an InputPath, or an InputTransformer's template with its placeholders filled.
 *
 * <p>A placeholder {@code <name>} inside a JSON string of the template takes the value's text (a
 * string's characters, escaped for the string; another value's JSON); outside a string it takes the
 * value's JSON (a string with its quotes). A path that finds nothing fills in {@code null} (outside a
 * string) or nothing (inside). Reserved names: {@code aws.events.rule-arn}, {@code aws.events.rule-name},
 * {@code aws.events.event.ingestion-time}, {@code aws.events.event} and {@code aws.events.event.json}
 * (the whole event).
 */
public final class InputShaping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputShaping() {}

    /** The rule and event a payload is made for. */
    public record Matched(JsonNode event, String ruleArn, String ruleName, String ingestionTime) {}

    public static String payload(Target target, Matched matched) {
        if (!target.input().isEmpty()) {
            return target.input();
        }
        if (!target.inputPath().isEmpty()) {
            return JsonPath.parse(target.inputPath()).find(matched.event()).map(JsonNode::toString).orElse("null");
        }
        if (target.transforms()) {
            return fill(target.inputTemplate(), target.inputPathsMap(), matched);
        }
        return matched.event().toString();
    }

    /** The template with every known placeholder filled; unknown {@code <…>} text is left as it is. */
    public static String fill(String template, Map<String, String> paths, Matched matched) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\\' && inString && i + 1 < template.length()) {
                out.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            } else if (c == '<') {
                int close = template.indexOf('>', i + 1);
                if (close > i) {
                    String name = template.substring(i + 1, close);
                    Optional<Optional<JsonNode>> value = value(name, paths, matched);
                    if (value.isPresent()) {
                        out.append(inString ? inside(value.get()) : value.get().map(JsonNode::toString).orElse("null"));
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Empty when {@code name} is no placeholder; else the value it names (empty when its path finds nothing). */
    private static Optional<Optional<JsonNode>> value(String name, Map<String, String> paths, Matched matched) {
        switch (name) {
            case "aws.events.rule-arn" -> { return Optional.of(Optional.of(TextNode.valueOf(matched.ruleArn()))); }
            case "aws.events.rule-name" -> { return Optional.of(Optional.of(TextNode.valueOf(matched.ruleName()))); }
            case "aws.events.event.ingestion-time" -> { return Optional.of(Optional.of(TextNode.valueOf(matched.ingestionTime()))); }
            case "aws.events.event", "aws.events.event.json" -> { return Optional.of(Optional.of(matched.event())); }
            default -> {
                String path = paths.get(name);
                return path == null ? Optional.empty() : Optional.of(JsonPath.parse(path).find(matched.event()));
            }
        }
    }

    private static String inside(Optional<JsonNode> value) {
        if (value.isEmpty() || value.get().isNull()) return "";
        JsonNode node = value.get();
        String text = node.isTextual() ? node.asText() : node.toString();
        try {
            String quoted = JSON.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
