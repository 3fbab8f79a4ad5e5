package berth.aws.rest;

import berth.aws.wire.PercentEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A REST-JSON request URI template such as {@code /schedules/{Name}} or {@code /objects/{Key+}}:
 * literal segments, whole-segment labels, and a greedy label that takes the rest of the path. Literal
 * query parameters in the template ({@code /tags?list}) must be present in the request.
 */
final class UriTemplate {
    private final String template;
    private final List<String> segments;
    private final List<String> requiredQueryNames;

    private UriTemplate(String template, List<String> segments, List<String> requiredQueryNames) {
        this.template = template;
        this.segments = segments;
        this.requiredQueryNames = requiredQueryNames;
    }

    static UriTemplate parse(String template) {
        int question = template.indexOf('?');
        String path = question < 0 ? template : template.substring(0, question);
        List<String> queryNames = new ArrayList<>();
        if (question >= 0) {
            for (String part : template.substring(question + 1).split("&")) {
                if (!part.isEmpty()) {
                    queryNames.add(part.contains("=") ? part.substring(0, part.indexOf('=')) : part);
                }
            }
        }
        return new UriTemplate(template, splitPath(path), List.copyOf(queryNames));
    }

    String template() {
        return template;
    }

    /**
     * A sort key that puts more specific templates first: more required query parameters, then at
     * each segment a literal before a label before a greedy label.
     */
    String specificity() {
        StringBuilder key = new StringBuilder().append((char) ('z' - Math.min(requiredQueryNames.size(), 25)));
        for (String segment : segments) {
            key.append(segment.endsWith("+}") ? '2' : segment.startsWith("{") ? '1' : '0');
        }
        return key.toString();
    }

    /** The decoded label values when the path and query match; empty otherwise. */
    Optional<Map<String, String>> match(String rawPath, Set<String> queryNames) {
        if (!queryNames.containsAll(requiredQueryNames)) {
            return Optional.empty();
        }
        List<String> actual = splitPath(rawPath);
        Map<String, String> labels = new HashMap<>();
        try {
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                if (segment.startsWith("{") && segment.endsWith("+}")) {
                    if (i >= actual.size()) {
                        return Optional.empty();
                    }
                    String rest = String.join("/", actual.subList(i, actual.size()));
                    if (rest.isEmpty()) {
                        return Optional.empty();
                    }
                    labels.put(segment.substring(1, segment.length() - 2), PercentEncoding.decode(rest, false));
                    return Optional.of(labels);
                }
                if (i >= actual.size()) {
                    return Optional.empty();
                }
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    if (actual.get(i).isEmpty()) {
                        return Optional.empty();
                    }
                    labels.put(segment.substring(1, segment.length() - 1), PercentEncoding.decode(actual.get(i), false));
                } else if (!segment.equals(actual.get(i))) {
                    return Optional.empty();
                }
            }
        } catch (PercentEncoding.MalformedEncodingException e) {
            return Optional.empty();
        }
        return actual.size() == segments.size() ? Optional.of(labels) : Optional.empty();
    }

    /** Path segments without the leading slash; a trailing slash does not add an empty segment. */
    private static List<String> splitPath(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }
}
