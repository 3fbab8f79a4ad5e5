package berth.ecs.core.placement;

import static berth.ecs.core.placement.QueryOperator.EQUALS;
import static berth.ecs.core.placement.QueryOperator.EXISTS;
import static berth.ecs.core.placement.QueryOperator.GREATER_THAN;
import static berth.ecs.core.placement.QueryOperator.GREATER_THAN_EQUAL;
import static berth.ecs.core.placement.QueryOperator.IN;
import static berth.ecs.core.placement.QueryOperator.LESS_THAN;
import static berth.ecs.core.placement.QueryOperator.LESS_THAN_EQUAL;
import static berth.ecs.core.placement.QueryOperator.MATCHES;
import static berth.ecs.core.placement.QueryOperator.NOT_EQUALS;
import static berth.ecs.core.placement.QueryOperator.NOT_EXISTS;
import static berth.ecs.core.placement.QueryOperator.NOT_IN;
import static berth.ecs.core.placement.QueryOperator.NOT_MATCHES;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The subjects a cluster query can test, each with the operators the ECS documentation allows
 * for it. {@code attribute:NAME} accepts every operator. {@code task:group} accepts equality,
 * lists, patterns and existence: it is the set of groups of the tasks on the instance.
 */
enum QuerySubject {
    AGENT_CONNECTED("agentConnected", EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES)),
    AGENT_VERSION("agentVersion", ordered()),
    ATTRIBUTE("attribute:", EnumSet.allOf(QueryOperator.class)),
    EC2_INSTANCE_ID("ec2InstanceId", EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES)),
    REGISTERED_AT("registeredAt", ordered()),
    RUNNING_TASKS_COUNT("runningTasksCount", ordered()),
    TASK_GROUP("task:group", EnumSet.of(EQUALS, NOT_EQUALS, IN, NOT_IN, MATCHES, NOT_MATCHES, EXISTS, NOT_EXISTS));

    final String name;
    final Set<QueryOperator> operators;

    QuerySubject(String name, Set<QueryOperator> operators) {
        this.name = name;
        this.operators = operators;
    }

    /** The subject a word names; {@code attribute:NAME} words map to ATTRIBUTE whatever NAME is. */
    static Optional<QuerySubject> of(String word) {
        if (word.startsWith(ATTRIBUTE.name)) {
            return Optional.of(ATTRIBUTE);
        }
        for (QuerySubject subject : values()) {
            if (subject != ATTRIBUTE && subject.name.equals(word)) {
                return Optional.of(subject);
            }
        }
        return Optional.empty();
    }

    private static Set<QueryOperator> ordered() {
        return EnumSet.of(EQUALS, NOT_EQUALS, GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL);
    }
}
