package berth.aws.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import berth.aws.HttpResponseData;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.wire.SdkModelClasses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/** REST-JSON decoding of greedy labels and query parameters, and the JSON body of a response. */
class RestJsonCodecTest {
    private static final ServiceModel MODEL = new ServiceModel("scheduler", "scheduler", Protocol.REST_JSON, "", "",
            "software.amazon.awssdk.services.scheduler.model",
            List.of(new ServiceModel.RestRoute("GET", "/by-path/{Name+}", "GetSchedule", 202)));
    private static final RestJsonCodec CODEC = new RestJsonCodec(MODEL, ServiceErrorCodes.defaultsFor(Protocol.REST_JSON));

    @Test
    void greedyLabelsAndQueryParametersFillTheirMembers() {
        HttpRequestData request = new HttpRequestData("GET", "/by-path/a/b%20c", "groupName=g%2B1", Map.of(), new byte[0]);
        var call = CODEC.locate(request);
        GetScheduleRequest.Builder builder = GetScheduleRequest.builder();

        call.decodeInto((SdkPojo) builder);

        assertThat(call.operation()).isEqualTo("GetSchedule");
        assertThat(builder.build().name()).isEqualTo("a/b c");
        assertThat(builder.build().groupName()).isEqualTo("g+1");
    }

    @Test
    void responsesUseTheRouteStatusAndEpochSecondTimestamps() {
        HttpResponseData response = CODEC.encode("GetSchedule", GetScheduleResponse.builder().name("n")
                .creationDate(Instant.parse("2024-01-01T00:00:00.5Z")).build(), "rid");

        assertThat(response.status()).isEqualTo(202);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"CreationDate\":1704067200.5,\"Name\":\"n\"}");
        assertThat(response.headers()).containsEntry("x-amzn-RequestId", "rid");
    }

    @Test
    void otherMethodsAndPathsDoNotRoute() {
        assertThatThrownBy(() -> CODEC.locate(new HttpRequestData("DELETE", "/by-path/a", "", Map.of(), new byte[0])))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(SdkModelClasses.memberPathName("GroupName")).isEqualTo("groupName");
    }
}
