package berth.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.EcsParameters;

/** A schedule's EcsParameters become the RunTask request ECS's wire takes, every member in ECS's names. */
class TargetRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ecsParametersAreRunTasksMembers() throws Exception {
        EcsParameters p = EcsParameters.builder().taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/batch:3")
                .launchType("FARGATE").group("nightly").platformVersion("LATEST").propagateTags("TASK_DEFINITION")
                .enableECSManagedTags(true).enableExecuteCommand(false).referenceId("ref-1")
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1").securityGroups("sg-1")
                        .assignPublicIp("DISABLED")))
                .capacityProviderStrategy(c -> c.capacityProvider("spot").weight(2).base(1))
                .placementConstraints(c -> c.type("memberOf").expression("attribute:ecs.os-type == linux"))
                .placementStrategy(s -> s.type("spread").field("attribute:ecs.availability-zone"))
                .tags(List.of(Map.of("team", "data"), Map.of("key", "owner", "value", "ops"))).build();

        assertThat(JSON.readTree(TargetRules.runTaskMembers(p).toString())).isEqualTo(JSON.readTree("""
                {"taskDefinition":"arn:aws:ecs:us-east-1:000000000000:task-definition/batch:3","count":1,
                 "launchType":"FARGATE","group":"nightly","platformVersion":"LATEST","propagateTags":"TASK_DEFINITION",
                 "enableECSManagedTags":true,"enableExecuteCommand":false,"referenceId":"ref-1",
                 "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1"],"securityGroups":["sg-1"],
                                                               "assignPublicIp":"DISABLED"}},
                 "capacityProviderStrategy":[{"capacityProvider":"spot","weight":2,"base":1}],
                 "placementConstraints":[{"type":"memberOf","expression":"attribute:ecs.os-type == linux"}],
                 "placementStrategy":[{"type":"spread","field":"attribute:ecs.availability-zone"}],
                 "tags":[{"key":"team","value":"data"},{"key":"owner","value":"ops"}]}"""));
        assertThat(TargetRules.runTaskMembers(EcsParameters.builder().taskDefinitionArn("batch").taskCount(3).build()))
                .isEqualTo(JSON.readTree("{\"taskDefinition\":\"batch\",\"count\":3}"));
    }
}
