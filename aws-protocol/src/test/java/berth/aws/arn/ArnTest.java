package berth.aws.arn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnTest {

    @Test
    void parsesAndFormatsEveryPart() {
        Arn arn = Arn.parse("arn:aws:ecs:eu-west-1:123456789012:task/prod/8f1c").orElseThrow();

        assertThat(arn.partition()).isEqualTo("aws");
        assertThat(arn.service()).isEqualTo("ecs");
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.accountId()).isEqualTo("123456789012");
        assertThat(arn.resourceType()).isEqualTo("task");
        assertThat(arn.resourceName()).isEqualTo("prod/8f1c");
        assertThat(arn.format()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task/prod/8f1c");
    }

    @Test
    void splitsResourcesAtTheFirstSlashOrColon() {
        assertThat(Arn.parse("arn:aws:logs:us-east-1:1:log-group:/ecs/web:*").orElseThrow().resourceType()).isEqualTo("log-group");
        assertThat(Arn.parse("arn:aws:logs:us-east-1:1:log-group:/ecs/web:*").orElseThrow().resourceName()).isEqualTo("/ecs/web:*");
        assertThat(Arn.parse("arn:aws:sns:us-east-1:1:alerts").orElseThrow().resourceType()).isEmpty();
        assertThat(Arn.parse("arn:aws:sns:us-east-1:1:alerts").orElseThrow().resourceName()).isEqualTo("alerts");
        assertThat(Arn.parse("arn:aws:iam::1:role/path/deployer").orElseThrow().region()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAnArn() {
        assertThat(Arn.parse("arn:aws:ecs")).isEmpty();
        assertThat(Arn.parse("urn:aws:ecs:r:a:b")).isEmpty();
        assertThat(Arn.parse("arn::ecs:r:a:b")).isEmpty();
        assertThat(Arn.parse("arn:aws:ecs:r:a:")).isEmpty();
        assertThat(Arn.parse(null)).isEmpty();
    }

    @Test
    void buildsTypedResources() {
        assertThat(Arn.of("ecs", "us-east-1", "1", "cluster", "default").toString())
                .isEqualTo("arn:aws:ecs:us-east-1:1:cluster/default");
    }
}
