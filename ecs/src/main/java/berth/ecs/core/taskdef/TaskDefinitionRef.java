package berth.ecs.core.taskdef;

import berth.aws.Scope;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a request names a task definition: {@code family} (the latest ACTIVE revision),
 * {@code family:revision}, or the full ARN. {@code revision} is 0 for the latest ACTIVE revision;
 * {@code accountId} and {@code region} are empty unless an ARN named them.
 */
public record TaskDefinitionRef(String accountId, String region, String family, int revision) {
    private static final Pattern FAMILY = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\\d{12}):task-definition/([^:/]+)(?::(\\d+))?");

    /** Parses a task definition reference; empty when it is none of the three forms. */
    public static Optional<TaskDefinitionRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith("arn:")) {
            Matcher m = ARN.matcher(text);
            if (!m.matches() || !FAMILY.matcher(m.group(3)).matches()) {
                return Optional.empty();
            }
            return revision(m.group(4)).map(r -> new TaskDefinitionRef(m.group(2), m.group(1), m.group(3), r));
        }
        int colon = text.indexOf(':');
        String family = colon < 0 ? text : text.substring(0, colon);
        if (!FAMILY.matcher(family).matches()) {
            return Optional.empty();
        }
        if (colon < 0) {
            return Optional.of(new TaskDefinitionRef("", "", family, 0));
        }
        String number = text.substring(colon + 1);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        return revision(number).map(r -> new TaskDefinitionRef("", "", family, r));
    }

    private static Optional<Integer> revision(String digits) {
        if (digits == null) {
            return Optional.of(0);
        }
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int revision = Integer.parseInt(digits);
        return revision < 1 ? Optional.empty() : Optional.of(revision);
    }

    public static boolean validFamily(String family) {
        return family != null && FAMILY.matcher(family).matches();
    }

    public boolean latest() {
        return revision == 0;
    }

    /** Whether this reference can name a definition of {@code scope}. */
    public boolean within(Scope scope) {
        return (accountId.isEmpty() || accountId.equals(scope.accountId()))
                && (region.isEmpty() || region.equals(scope.region()));
    }
}
