package berth.aws.query;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.wire.SdkModelClasses;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;

/** Query maps, which no Query service in the test clients carries, on a model class that has one. */
class QueryShapeReaderTest {

    @Test
    void mapsReadFromEntryKeyValueTriplesAndWriteAsEntryElements() {
        FormParams params = new FormParams();
        params.addAll("logDriver=awslogs&options.entry.1.key=awslogs-group&options.entry.1.value=%2Fecs%2Fweb"
                + "&options.entry.2.key=mode&options.entry.2.value=non-blocking");
        LogConfiguration.Builder builder = LogConfiguration.builder();

        new QueryShapeReader("ValidationError", QueryLayout.SDK).readStructure((software.amazon.awssdk.core.SdkPojo) builder, params, "", "", "");
        LogConfiguration decoded = (LogConfiguration) SdkModelClasses.build((software.amazon.awssdk.core.SdkPojo) builder);

        assertThat(decoded.logDriverAsString()).isEqualTo("awslogs");
        assertThat(decoded.options()).isEqualTo(Map.of("awslogs-group", "/ecs/web", "mode", "non-blocking"));
        StringBuilder xml = new StringBuilder();
        new XmlShapeWriter(QueryLayout.SDK).writeMembers(xml, decoded, "");
        assertThat(xml.toString()).startsWith("<logDriver>awslogs</logDriver><options><entry><key>")
                .contains("<entry><key>mode</key><value>non-blocking</value></entry>");
    }

    @Test
    void anEmptyParameterIsAnEmptyList() {
        FormParams params = new FormParams();
        params.addAll("Subnets=");
        var builder = software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsRequest.builder();

        new QueryShapeReader("ValidationError", QueryLayout.SDK).readStructure((software.amazon.awssdk.core.SdkPojo) builder, params, "", "", "");

        assertThat(builder.build().hasSubnets()).isTrue();
        assertThat(builder.build().subnets()).isEmpty();
    }
}
