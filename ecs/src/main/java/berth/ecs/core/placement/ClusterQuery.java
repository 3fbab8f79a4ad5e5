package berth.ecs.core.placement;

import berth.ecs.core.InstanceSnapshot;
import berth.ecs.core.TaskOnInstance;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled expression of the ECS cluster query language, such as
 * {@code attribute:ecs.instance-type =~ t2.* and not(task:group == database)}. It selects
 * container instances for memberOf constraints and ListContainerInstances filters.
 *
 * <p>Subjects: {@code attribute:NAME}, {@code agentConnected}, {@code agentVersion},
 * {@code ec2InstanceId}, {@code registeredAt}, {@code runningTasksCount}, {@code task:group}.
 * Operators: {@code ==}/{@code equals}, {@code !=}/{@code not_equals}, {@code >}, {@code >=},
 * {@code <}, {@code <=} (and their word forms), {@code exists}, {@code !exists}/{@code not_exists},
 * {@code in}, {@code !in}/{@code not_in}, {@code =~}/{@code matches} (a Java regular expression
 * that must match the whole value), {@code !~}/{@code not_matches}. Combine with
 * {@code and}/{@code &&}, {@code or}/{@code ||}, {@code not}/{@code !} and parentheses.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ClusterQuery {
    private final String expression;
    private final QueryNode root;

    private ClusterQuery(String expression, QueryNode root) {
        this.expression = expression;
        this.root = root;
    }

    /** Compiles {@code expression}; throws {@link ClusterQuerySyntaxException} naming the fault and its position. */
    public static ClusterQuery parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        return new ClusterQuery(expression, QueryParser.parse(expression));
    }

    public String expression() {
        return expression;
    }

    /** Whether {@code instance}, with the tasks it lists, is selected. */
    public boolean matches(InstanceSnapshot instance) {
        if (!root.referencesTaskGroups()) {
            return root.test(instance, Set.of());
        }
        Set<String> groups = new HashSet<>();
        for (TaskOnInstance task : instance.tasks()) {
            groups.add(task.group());
        }
        return root.test(instance, groups);
    }

    /** Whether {@code instance} is selected when the tasks on it are in {@code taskGroups}. */
    public boolean matches(InstanceSnapshot instance, Set<String> taskGroups) {
        return root.test(instance, taskGroups);
    }

    /** True when the result depends on the tasks on an instance, so placing a task can change it. */
    public boolean referencesTaskGroups() {
        return root.referencesTaskGroups();
    }

    @Override
    public String toString() {
        return expression;
    }
}
