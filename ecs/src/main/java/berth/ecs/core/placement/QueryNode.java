package berth.ecs.core.placement;

import berth.ecs.core.InstanceSnapshot;
import java.util.Set;

/** A compiled cluster query: boolean combinations of comparisons, evaluated per instance. */
sealed interface QueryNode permits QueryNode.And, QueryNode.Or, QueryNode.Not, Comparison {

    /** {@code taskGroups} holds the groups of the tasks on {@code instance}, including ones placed just now. */
    boolean test(InstanceSnapshot instance, Set<String> taskGroups);

    boolean referencesTaskGroups();

    record And(QueryNode left, QueryNode right) implements QueryNode {
        @Override
        public boolean test(InstanceSnapshot instance, Set<String> taskGroups) {
            return left.test(instance, taskGroups) && right.test(instance, taskGroups);
        }

        @Override
        public boolean referencesTaskGroups() {
            return left.referencesTaskGroups() || right.referencesTaskGroups();
        }
    }

    record Or(QueryNode left, QueryNode right) implements QueryNode {
        @Override
        public boolean test(InstanceSnapshot instance, Set<String> taskGroups) {
            return left.test(instance, taskGroups) || right.test(instance, taskGroups);
        }

        @Override
        public boolean referencesTaskGroups() {
            return left.referencesTaskGroups() || right.referencesTaskGroups();
        }
    }

    record Not(QueryNode operand) implements QueryNode {
        @Override
        public boolean test(InstanceSnapshot instance, Set<String> taskGroups) {
            return !operand.test(instance, taskGroups);
        }

        @Override
        public boolean referencesTaskGroups() {
            return operand.referencesTaskGroups();
        }
    }
}
