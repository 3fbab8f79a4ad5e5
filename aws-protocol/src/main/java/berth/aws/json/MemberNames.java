package berth.aws.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request given with one service's member names ({@code {"TaskDefinition": …, "Count": 1}}, as
 * EventBridge and Scheduler targets name ECS's members) in the JSON names of a service whose members
 * start in lower case ({@code {"taskDefinition": …}}, as ECS's wire spells them).
 */
public final class MemberNames {
    private MemberNames() {}

    /** The same document with every object key's first letter in lower case, at every depth. */
    public static JsonNode lowerFirst(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(e.getKey().isEmpty() ? e.getKey()
                    : Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1), lowerFirst(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(lowerFirst(item)));
            return out;
        }
        return node;
    }
}
