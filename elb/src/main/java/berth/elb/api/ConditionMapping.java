package berth.elb.api;

import berth.elb.core.Condition;
import berth.elb.core.ElbError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;

/** Rule conditions between the wire (Field with Values, or a per-field config) and core. */
final class ConditionMapping {
    private ConditionMapping() {}

    static List<Condition> fromSdk(List<RuleCondition> conditions) {
        List<Condition> mapped = new ArrayList<>();
        for (RuleCondition c : conditions) mapped.add(fromSdk(c));
        return mapped;
    }

    static Condition fromSdk(RuleCondition c) {
        String field = c.field();
        if (field == null) throw ElbError.VALIDATION.exception("A condition must have a field");
        if (c.hasRegexValues() && !c.regexValues().isEmpty()) throw ElbErrors.unsupported("RegexValues in rule conditions");
        List<String> values = c.hasValues() ? c.values() : List.of();
        return switch (field) {
            case "path-pattern" -> {
                PathPatternConditionConfig config = c.pathPatternConfig();
                if (config != null && config.hasRegexValues() && !config.regexValues().isEmpty()) {
                    throw ElbErrors.unsupported("RegexValues in rule conditions");
                }
                yield new Condition.PathPattern(either(field, values, config == null ? null : config.values()));
            }
            case "host-header" -> {
                HostHeaderConditionConfig config = c.hostHeaderConfig();
                if (config != null && config.hasRegexValues() && !config.regexValues().isEmpty()) {
                    throw ElbErrors.unsupported("RegexValues in rule conditions");
                }
                yield new Condition.HostHeader(either(field, values, config == null ? null : config.values()));
            }
            case "http-header" -> {
                HttpHeaderConditionConfig config = c.httpHeaderConfig();
                noValues(field, values);
                if (config == null || config.httpHeaderName() == null) {
                    throw ElbError.VALIDATION.exception("An http-header condition must have an HttpHeaderConfig with a header name");
                }
                if (config.hasRegexValues() && !config.regexValues().isEmpty()) throw ElbErrors.unsupported("RegexValues in rule conditions");
                yield new Condition.HttpHeader(config.httpHeaderName(), config.values());
            }
            case "http-request-method" -> {
                HttpRequestMethodConditionConfig config = c.httpRequestMethodConfig();
                noValues(field, values);
                if (config == null) {
                    throw ElbError.VALIDATION.exception("An http-request-method condition must have an HttpRequestMethodConfig");
                }
                yield new Condition.HttpRequestMethod(config.values());
            }
            case "query-string" -> {
                QueryStringConditionConfig config = c.queryStringConfig();
                noValues(field, values);
                if (config == null) throw ElbError.VALIDATION.exception("A query-string condition must have a QueryStringConfig");
                yield new Condition.QueryString(config.values().stream()
                        .map(kv -> new Condition.KeyValue(kv.key() == null ? "" : kv.key(), kv.value() == null ? "" : kv.value()))
                        .toList());
            }
            case "source-ip" -> {
                SourceIpConditionConfig config = c.sourceIpConfig();
                noValues(field, values);
                if (config == null) throw ElbError.VALIDATION.exception("A source-ip condition must have a SourceIpConfig");
                yield new Condition.SourceIp(config.values());
            }
            default -> throw ElbError.VALIDATION.exception("Condition field '" + field + "' must be one of [path-pattern, host-header,"
                    + " http-header, http-request-method, query-string, source-ip]");
        };
    }

    private static List<String> either(String field, List<String> values, List<String> configValues) {
        boolean inConfig = configValues != null && !configValues.isEmpty();
        if (inConfig && !values.isEmpty()) {
            throw ElbError.VALIDATION.exception("You cannot specify both Values and a configuration for a '" + field + "' condition");
        }
        return inConfig ? configValues : values;
    }

    private static void noValues(String field, List<String> values) {
        if (!values.isEmpty()) {
            throw ElbError.VALIDATION.exception("A '" + field + "' condition takes its values in its configuration, not in Values");
        }
    }

    static List<RuleCondition> toSdk(List<Condition> conditions) {
        return conditions.stream().map(ConditionMapping::toSdk).toList();
    }

    static RuleCondition toSdk(Condition condition) {
        RuleCondition.Builder b = RuleCondition.builder().field(condition.field());
        switch (condition) {
            case Condition.PathPattern c -> b.values(c.values()).pathPatternConfig(PathPatternConditionConfig.builder().values(c.values()).build());
            case Condition.HostHeader c -> b.values(c.values()).hostHeaderConfig(HostHeaderConditionConfig.builder().values(c.values()).build());
            case Condition.HttpHeader c -> b.httpHeaderConfig(HttpHeaderConditionConfig.builder().httpHeaderName(c.name()).values(c.values()).build());
            case Condition.HttpRequestMethod c -> b.httpRequestMethodConfig(HttpRequestMethodConditionConfig.builder().values(c.values()).build());
            case Condition.QueryString c -> b.queryStringConfig(QueryStringConditionConfig.builder().values(c.values().stream()
                    .map(kv -> {
                        var pair = QueryStringKeyValuePair.builder().value(kv.value());
                        if (!kv.key().isEmpty()) pair.key(kv.key());
                        return pair.build();
                    }).toList()).build());
            case Condition.SourceIp c -> b.sourceIpConfig(SourceIpConditionConfig.builder().values(c.values()).build());
        }
        return b.build();
    }
}
