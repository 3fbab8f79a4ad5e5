package berth.aws.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.Protocol;
import berth.aws.ServiceModel;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ServiceDescriptionTest {

    @Test
    void everyBundledDescriptionLoadsWithItsProtocolAndSigningName() {
        assertThat(model("ecs").protocol()).isEqualTo(Protocol.AWS_JSON_1_1);
        assertThat(model("ecs").targetPrefix()).isEqualTo("AmazonEC2ContainerServiceV20141113");
        assertThat(model("apprunner").protocol()).isEqualTo(Protocol.AWS_JSON_1_0);
        assertThat(model("sts").protocol()).isEqualTo(Protocol.QUERY);
        assertThat(model("sts").xmlNamespace()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
        assertThat(model("elbv2").signingName()).isEqualTo("elasticloadbalancing");
        assertThat(model("iam").signingName()).isEqualTo("iam");
        assertThat(model("ecr").targetPrefix()).isEqualTo("AmazonEC2ContainerRegistry_V20150921");
        assertThat(model("application-autoscaling").protocol()).isEqualTo(Protocol.AWS_JSON_1_1);
        assertThat(model("logs").targetPrefix()).isEqualTo("Logs_20140328");
        assertThat(model("events").targetPrefix()).isEqualTo("AWSEvents");
        assertThat(model("scheduler").protocol()).isEqualTo(Protocol.REST_JSON);
    }

    @Test
    void restRoutesComeFromTheHttpBindings() {
        assertThat(model("scheduler").routes()).contains(
                new ServiceModel.RestRoute("POST", "/schedules/{Name}", "CreateSchedule", 200),
                new ServiceModel.RestRoute("GET", "/schedules", "ListSchedules", 200));
        assertThat(model("ecs").routes()).isEmpty();
    }

    @Test
    void constraintsAreReadFromShapes() {
        ServiceDescription ecs = ServiceDescription.bundled("ecs");

        assertThat(ecs.inputOf("RegisterTaskDefinition").orElseThrow().required()).contains("family", "containerDefinitions");
        ServiceDescription apprunner = ServiceDescription.bundled("apprunner");
        ServiceDescription.Shape input = apprunner.inputOf("CreateConnection").orElseThrow();
        assertThat(apprunner.shape(input.members().get("ConnectionName")).orElseThrow().min()).contains(BigDecimal.valueOf(4));
        assertThatThrownBy(() -> ServiceDescription.bundled("dynamodb")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ServiceModel model(String id) {
        return ServiceDescription.bundled(id).toServiceModel(id, "unused.model");
    }
}
