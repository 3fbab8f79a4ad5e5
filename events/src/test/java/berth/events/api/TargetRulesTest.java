package berth.events.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.EcsParameters;

/** A rule target's EcsParameters become the RunTask request ECS's wire takes, tags as ECS names them. */
class TargetRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ecsParametersAreRunTasksMembers() throws Exception {
        EcsParameters p = EcsParameters.builder().taskDefinitionArn("reader").taskCount(2).launchType("EC2")
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1")))
                .tags(t -> t.key("team").value("data")).build();

        assertThat(JSON.readTree(TargetRules.runTaskMembers(p).toString())).isEqualTo(JSON.readTree("""
                {"taskDefinition":"reader","count":2,"launchType":"EC2",
                 "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1"]}},
                 "tags":[{"key":"team","value":"data"}]}"""));
    }
}
