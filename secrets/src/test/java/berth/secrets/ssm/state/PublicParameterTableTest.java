package berth.secrets.ssm.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.secrets.PublicParameters.Definition;
import org.junit.jupiter.api.Test;

class PublicParameterTableTest {
    private static final String AL2 = "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended";

    @Test
    void publicParametersAreFoundByNameOrArnOfTheCallersRegionAndByPath() {
        PublicParameterTable table = new PublicParameterTable();
        table.define(new Definition(AL2, "text", region -> "{\"region\":\"" + region + "\"}"));
        table.define(new Definition(AL2 + "/image_id", "aws:ec2:image", region -> "ami-" + region));
        table.define(new Definition("/aws/service/other", "text", region -> "x"));

        assertThat(table.find(AL2, "eu-west-1")).map(d -> d.valueInRegion().apply("eu-west-1"))
                .contains("{\"region\":\"eu-west-1\"}");
        assertThat(table.find("arn:aws:ssm:eu-west-1::parameter" + AL2 + "/image_id", "eu-west-1")).isPresent();
        assertThat(table.find("arn:aws:ssm:us-east-1::parameter" + AL2 + "/image_id", "eu-west-1")).isEmpty();
        assertThat(table.under("/aws/service/ecs/optimized-ami/amazon-linux-2", false)).extracting(Definition::name)
                .containsExactly(AL2);
        assertThat(table.under("/aws/service/ecs/optimized-ami/amazon-linux-2", true)).extracting(Definition::name)
                .containsExactly(AL2, AL2 + "/image_id");
        assertThat(table.under(AL2, false)).extracting(Definition::name).containsExactly(AL2 + "/image_id");
        assertThat(PublicParameterTable.isPublic("/aws/service")).isTrue();
        assertThat(PublicParameterTable.isPublic("/app/db")).isFalse();
    }

    @Test
    void onlyTheServiceNamespaceIsPublic() {
        assertThatThrownBy(() -> new Definition("/app/x", "text", r -> "")).isInstanceOf(IllegalArgumentException.class);
    }
}
