package berth.ecs;

import berth.aws.json.MemberNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The RunTask request a target's {@code EcsParameters} stand for, as EventBridge and EventBridge
 * Scheduler name them on their wire ({@code TaskDefinitionArn}, {@code TaskCount},
 * {@code NetworkConfiguration}, …): ECS's members (its JSON names), {@code count} 1 when not given,
 * tags as ECS's {@code [{"key":…,"value":…}]} whether given as EventBridge's {@code {"Key":…,"Value":…}}
 * pairs or as Scheduler's maps (a map with {@code key} and {@code value} is one tag, any other map a tag
 * per entry). Cluster, overrides and client token are the caller's to add.
 */
public final class TargetRunTask {
    private TargetRunTask() {}

    /** @param ecsParameters the target's EcsParameters as the service's wire writes them (JSON of the SDK shape) */
    public static ObjectNode members(JsonNode ecsParameters) {
        ObjectNode given = ecsParameters.deepCopy();
        JsonNode tags = given.remove("Tags");
        ObjectNode run = (ObjectNode) MemberNames.lowerFirst(given);
        run.set("taskDefinition", run.remove("taskDefinitionArn"));
        JsonNode count = run.remove("taskCount");
        run.put("count", count == null ? 1 : count.asInt());
        if (tags != null && tags.isArray() && !tags.isEmpty()) run.set("tags", tags(tags));
        return run;
    }

    private static ArrayNode tags(JsonNode given) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode tag : given) {
            if (tag.size() == 2 && tag.has("Key") && tag.has("Value")) {
                out.addObject().put("key", tag.path("Key").asText()).put("value", tag.path("Value").asText(""));
            } else if (tag.has("key")) {
                out.addObject().put("key", tag.path("key").asText()).put("value", tag.path("value").asText(""));
            } else {
                tag.properties().forEach(e -> out.addObject().put("key", e.getKey()).put("value", e.getValue().asText()));
            }
        }
        return out;
    }
}
