package berth.secrets.ssm.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A ParameterFilters entry of DescribeParameters or GetParametersByPath: key ({@code Name}, {@code Path},
 * {@code Type}, {@code KeyId}, {@code Tier}, {@code DataType}, {@code Label}, {@code tag:KEY}), option,
 * values. A parameter matches a filter when any value matches; it matches a list when every filter does.
 */
public record ParameterFilter(String key, String option, List<String> values) {
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "Name", List.of("Equals", "BeginsWith", "Contains"),
            "Path", List.of("Recursive", "OneLevel"),
            "Type", List.of("Equals"),
            "KeyId", List.of("Equals", "BeginsWith"),
            "Tier", List.of("Equals"),
            "DataType", List.of("Equals"),
            "Label", List.of("Equals"));
    private static final Map<String, List<String>> VALUES = Map.of(
            "Type", List.of(ParameterRules.STRING, ParameterRules.STRING_LIST, ParameterRules.SECURE_STRING),
            "Tier", List.of(ParameterRules.STANDARD, ParameterRules.ADVANCED, ParameterRules.INTELLIGENT_TIERING));

    public ParameterFilter {
        values = List.copyOf(values);
    }

    /** Why a list of filters is refused ({@code code}, {@code message}); empty when it is valid for {@code allowedKeys}. */
    public static Optional<ParameterRules.Refused> problem(List<ParameterFilter> filters, Set<String> allowedKeys) {
        for (ParameterFilter filter : filters) {
            boolean tag = filter.key.startsWith("tag:");
            if (!(tag ? allowedKeys.contains("tag") : allowedKeys.contains(filter.key))) {
                return Optional.of(new ParameterRules.Refused("InvalidFilterKey", "The following filter key is not valid: "
                        + filter.key + ". Valid filter keys include: " + allowedKeys.stream().sorted().toList() + "."));
            }
            List<String> options = tag ? List.of("Equals") : OPTIONS.get(filter.key);
            if (!filter.option.isEmpty() && !options.contains(filter.option)) {
                return Optional.of(new ParameterRules.Refused("InvalidFilterOption", "The following filter option is not valid: "
                        + filter.option + ". Valid options include: " + options + "."));
            }
            if (filter.values.isEmpty() && !tag) {
                return Optional.of(new ParameterRules.Refused("InvalidFilterValue",
                        "The following filter values are missing : null for filter key " + filter.key + "."));
            }
            List<String> known = VALUES.get(filter.key);
            for (String value : filter.values) {
                if (known != null && !known.contains(value)) {
                    return Optional.of(new ParameterRules.Refused("InvalidFilterValue", "The following filter value is not valid: "
                            + value + ". Valid values include: " + known + "."));
                }
                if (filter.key.equals("Path") && !ParameterNames.validPath(value)) {
                    return Optional.of(new ParameterRules.Refused("InvalidFilterValue",
                            "The parameter doesn't meet the parameter name requirements. The parameter name must begin with "
                                    + "a forward slash \"/\"."));
                }
            }
        }
        return Optional.empty();
    }

    public static boolean all(List<ParameterFilter> filters, Parameter parameter) {
        for (ParameterFilter filter : filters) {
            if (!filter.matches(parameter)) return false;
        }
        return true;
    }

    public boolean matches(Parameter parameter) {
        ParameterVersion latest = parameter.latest();
        if (key.startsWith("tag:")) {
            String tagKey = key.substring(4);
            return parameter.tags().stream().anyMatch(t -> t.key().equals(tagKey) && (values.isEmpty() || values.contains(t.value())));
        }
        for (String value : values) {
            boolean hit = switch (key) {
                case "Name" -> switch (option.isEmpty() ? "Equals" : option) {
                    case "BeginsWith" -> parameter.name().startsWith(value);
                    case "Contains" -> parameter.name().contains(value);
                    default -> parameter.name().equals(value) || parameter.name().equals("/" + value);
                };
                case "Path" -> value.equals("/") && !option.equals("Recursive")
                        ? parameter.name().startsWith("/") && parameter.name().indexOf('/', 1) < 0
                        : ParameterNames.under(parameter.name(), value, option.equals("Recursive"));
                case "Type" -> latest.type().equals(value);
                case "KeyId" -> option.equals("BeginsWith") ? latest.keyId().startsWith(value) : latest.keyId().equals(value);
                case "Tier" -> latest.tier().equals(value);
                case "DataType" -> latest.dataType().equals(value);
                case "Label" -> parameter.versions().stream().anyMatch(v -> v.labels().contains(value));
                default -> false;
            };
            if (hit) return true;
        }
        return false;
    }
}
