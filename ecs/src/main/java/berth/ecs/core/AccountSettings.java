package berth.ecs.core;

import berth.aws.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ECS account settings: their names, the values each takes, AWS's defaults, and how the effective
 * value of a principal follows from its own setting, then the account's default, then AWS's.
 */
public final class AccountSettings {

    /** One stored setting; {@code principalArn} empty for the account default. */
    public record Setting(String accountId, String region, String name, String value, String principalArn) {
        public static Setting of(Scope scope, String name, String value, String principalArn) {
            return new Setting(scope.accountId(), scope.region(), name, value, principalArn);
        }

        public Scope scope() {
            return new Scope(accountId, region);
        }
    }

    public static final String CONTAINER_INSIGHTS = "containerInsights";

    /** Every setting name with the values it takes, its default first. */
    private static final Map<String, List<String>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("serviceLongArnFormat", List.of("enabled"));
        VALUES.put("taskLongArnFormat", List.of("enabled"));
        VALUES.put("containerInstanceLongArnFormat", List.of("enabled"));
        VALUES.put("awsvpcTrunking", List.of("disabled", "enabled"));
        VALUES.put(CONTAINER_INSIGHTS, List.of("disabled", "enabled", "enhanced"));
        VALUES.put("fargateFIPSMode", List.of("disabled", "enabled"));
        VALUES.put("tagResourceAuthorization", List.of("on", "off"));
        VALUES.put("fargateTaskRetirementWaitPeriod", List.of("7", "0", "14"));
        VALUES.put("guardDutyActivate", List.of("off"));
        VALUES.put("defaultLogDriverMode", List.of("non-blocking", "blocking"));
    }

    private AccountSettings() {}

    public static List<String> names() {
        return List.copyOf(VALUES.keySet());
    }

    public static String awsDefault(String name) {
        return VALUES.get(name).get(0);
    }

    /**
     * Why {@code value} cannot be set for {@code name}, in ECS's words; empty when it can. The long ARN
     * formats can no longer be turned off and GuardDuty's setting is read-only.
     */
    public static Optional<String> refusal(String name, String value) {
        List<String> values = VALUES.get(name);
        if (values == null) {
            return Optional.of("Invalid setting name " + name + ".");
        }
        if (name.endsWith("LongArnFormat") && "disabled".equals(value)) {
            return Optional.of("You can no longer disable " + name + ". The long ARN format is enabled for all"
                    + " accounts.");
        }
        if (name.equals("guardDutyActivate")) {
            return Optional.of("guardDutyActivate is read-only; it follows the account's GuardDuty Runtime Monitoring.");
        }
        if (!values.contains(value)) {
            return Optional.of("Invalid value " + value + " for setting " + name + ". Valid values: "
                    + String.join(", ", values) + ".");
        }
        return Optional.empty();
    }

    /** The value in effect for a principal: its own, else the account default, else AWS's default. */
    public static String effective(String name, Optional<Setting> own, Optional<Setting> accountDefault) {
        return own.or(() -> accountDefault).map(Setting::value).orElseGet(() -> awsDefault(name));
    }
}
