package berth.ecs.core.placement;

import berth.ecs.core.InstanceSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code subject operator [argument]} test, with its argument converted once to the type the
 * subject compares by: a count, an instant, an agent version, a boolean, a pattern or strings.
 *
 * <p>A subject without a value (an attribute the instance lacks, no tasks for {@code task:group})
 * satisfies only {@code !exists}: every comparison on it is false, the negative ones included, as
 * {@code attribute:stack != prod} selects only instances that have a {@code stack} attribute. For
 * {@code task:group}, a positive operator holds when any group on the instance satisfies it and a
 * negative one when none does.
 */
final class Comparison implements QueryNode {
    private final QuerySubject subject;
    private final String attributeName;
    private final QueryOperator operator;
    private final String argument;
    private final Set<String> arguments;
    private final Pattern pattern;
    private final long count;
    private final Instant instant;
    private final int[] version;
    private final BigDecimal number;

    private Comparison(QuerySubject subject, String attributeName, QueryOperator operator, String argument,
                       Set<String> arguments, Pattern pattern, long count, Instant instant, int[] version,
                       BigDecimal number) {
        this.subject = subject;
        this.attributeName = attributeName;
        this.operator = operator;
        this.argument = argument;
        this.arguments = arguments;
        this.pattern = pattern;
        this.count = count;
        this.instant = instant;
        this.version = version;
        this.number = number;
    }

    /** Converts the argument for {@code subject}; throws {@link IllegalArgumentException} with the problem. */
    static Comparison compile(QuerySubject subject, String attributeName, QueryOperator operator,
                              List<String> values) {
        String single = values.size() == 1 ? values.get(0) : "";
        if (subject == QuerySubject.AGENT_CONNECTED && !operator.takesPattern()) {
            values = values.stream().map(Comparison::bool).toList();
            single = values.size() == 1 ? values.get(0) : "";
        }
        Pattern pattern = operator.takesPattern() ? QueryValues.pattern(single) : null;
        long count = 0;
        Instant instant = null;
        int[] version = null;
        if (!operator.takesNoArgument() && !operator.takesPattern()) {
            switch (subject) {
                case RUNNING_TASKS_COUNT -> count = QueryValues.count(single);
                case REGISTERED_AT -> instant = QueryValues.instant(single);
                case AGENT_VERSION -> {
                    if (!QueryValues.isVersion(single)) {
                        throw new IllegalArgumentException("agentVersion compares with a version such as 1.14.5, not '"
                                + single + "'");
                    }
                    version = QueryValues.version(single).orElseThrow();
                }
                default -> { }
            }
        }
        BigDecimal number = subject == QuerySubject.ATTRIBUTE ? QueryValues.number(single) : null;
        return new Comparison(subject, attributeName, operator, single, Set.copyOf(values), pattern, count, instant,
                version, number);
    }

    private static String bool(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new IllegalArgumentException("agentConnected compares with true or false, not '" + value + "'");
        }
        return lower;
    }

    @Override
    public boolean test(InstanceSnapshot instance, Set<String> taskGroups) {
        return switch (subject) {
            case ATTRIBUTE -> testValue(instance.attributes().get(attributeName));
            case EC2_INSTANCE_ID -> testValue(instance.ec2InstanceId().isEmpty() ? null : instance.ec2InstanceId());
            case AGENT_CONNECTED -> testValue(instance.agentConnected() ? "true" : "false");
            case RUNNING_TASKS_COUNT -> ordered(Long.compare(instance.runningTasksCount(), count));
            case REGISTERED_AT -> ordered(instance.registeredAt().compareTo(instant));
            case AGENT_VERSION -> QueryValues.version(instance.agentVersion())
                    .map(v -> ordered(QueryValues.compareVersions(v, version)))
                    .orElse(false);
            case TASK_GROUP -> testGroups(taskGroups);
        };
    }

    @Override
    public boolean referencesTaskGroups() {
        return subject == QuerySubject.TASK_GROUP;
    }

    private boolean testValue(String value) {
        if (operator == QueryOperator.EXISTS) {
            return value != null;
        }
        if (operator == QueryOperator.NOT_EXISTS) {
            return value == null;
        }
        if (value == null) {
            return false;
        }
        boolean positive = holds(value, operator.positive());
        return operator.negative() != positive;
    }

    private boolean testGroups(Set<String> groups) {
        if (operator == QueryOperator.EXISTS) {
            return !groups.isEmpty();
        }
        if (operator == QueryOperator.NOT_EXISTS) {
            return groups.isEmpty();
        }
        if (groups.isEmpty()) {
            return false;
        }
        QueryOperator positive = operator.positive();
        boolean any = false;
        for (String group : groups) {
            if (holds(group, positive)) {
                any = true;
                break;
            }
        }
        return operator.negative() != any;
    }

    private boolean holds(String value, QueryOperator positive) {
        return switch (positive) {
            case EQUALS -> value.equals(argument);
            case IN -> arguments.contains(value);
            case MATCHES -> pattern.matcher(value).matches();
            case GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL ->
                    ordered(QueryValues.compareAttribute(value, argument, number));
            default -> throw new IllegalStateException("not a positive comparison: " + positive);
        };
    }

    private boolean ordered(int comparison) {
        return switch (operator) {
            case EQUALS -> comparison == 0;
            case NOT_EQUALS -> comparison != 0;
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_EQUAL -> comparison >= 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_EQUAL -> comparison <= 0;
            default -> throw new IllegalStateException("not an ordering: " + operator);
        };
    }

    @Override
    public String toString() {
        String subjectText = subject == QuerySubject.ATTRIBUTE ? "attribute:" + attributeName : subject.name;
        return subjectText + " " + operator.display() + (operator.takesNoArgument() ? "" : " " + arguments);
    }
}
