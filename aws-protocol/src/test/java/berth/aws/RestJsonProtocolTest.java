package berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/** REST-JSON (EventBridge Scheduler): routes, URI labels, query parameters and JSON bodies through the real SDK client. */
class RestJsonProtocolTest {
    private static WireFixture fixture;
    private static SchedulerClient scheduler;

    @BeforeAll
    static void start() {
        fixture = new WireFixture();
        scheduler = fixture.scheduler(TestCredentials.longTerm());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static CreateScheduleRequest schedule(String name, String group) {
        return CreateScheduleRequest.builder().name(name).groupName(group).scheduleExpression("rate(5 minutes)")
                .description("nightly report, ünïcode")
                .startDate(Instant.parse("2030-06-01T00:00:00.250Z")).state(ScheduleState.DISABLED)
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.FLEXIBLE)
                        .maximumWindowInMinutes(15).build())
                .target(Target.builder().arn("arn:aws:ecs:us-east-1:123456789012:cluster/default")
                        .roleArn("arn:aws:iam::123456789012:role/scheduler").input("{\"a\":1}")
                        .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(3).maximumEventAgeInSeconds(600).build())
                        .build())
                .build();
    }

    @Test
    void labelsQueryParametersAndBodiesRoundTrip() {
        CreateScheduleRequest sent = schedule("report.nightly_1", "reports");

        String arn = scheduler.createSchedule(sent).scheduleArn();
        CreateScheduleRequest decoded = (CreateScheduleRequest) fixture.lastInput.get();
        GetScheduleResponse fetched = scheduler.getSchedule(r -> r.name("report.nightly_1").groupName("reports"));

        assertThat(decoded.equalsBySdkFields(sent.toBuilder().clientToken(decoded.clientToken()).build())).isTrue();
        assertThat(decoded.clientToken()).isNotBlank();
        assertThat(((GetScheduleRequest) fixture.lastInput.get()).groupName()).isEqualTo("reports");
        assertThat(arn).isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/reports/report.nightly_1");
        assertThat(fetched.target()).isEqualTo(sent.target());
        assertThat(fetched.flexibleTimeWindow()).isEqualTo(sent.flexibleTimeWindow());
        assertThat(fetched.startDate()).isEqualTo(sent.startDate());
        assertThat(fetched.state()).isEqualTo(ScheduleState.DISABLED);
        assertThat(fetched.creationDate()).isEqualTo(TestServices.CREATED_AT);
        assertThat(fetched.description()).isEqualTo("nightly report, ünïcode");
        assertThat(fixture.server.lastDispatched().operation()).isEqualTo("GetSchedule");
    }

    @Test
    void queryParametersFilterAndPageListings() {
        for (String name : List.of("batch-1", "batch-2", "batch-3", "other")) {
            scheduler.createSchedule(schedule(name, "listing"));
        }

        List<String> names = scheduler.listSchedulesPaginator(ListSchedulesRequest.builder().namePrefix("batch-")
                .state(ScheduleState.DISABLED).groupName("listing").maxResults(2).build())
                .schedules().stream().map(ScheduleSummary::name).toList();

        assertThat(names).containsExactly("batch-1", "batch-2", "batch-3");
        assertThat(((ListSchedulesRequest) fixture.lastInput.get()).state()).isEqualTo(ScheduleState.DISABLED);
    }

    @Test
    void modeledErrorArrivesAsTheSdkExceptionClass() {
        assertThatThrownBy(() -> scheduler.getSchedule(r -> r.name("ghost")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Schedule ghost does not exist.");
                });
    }

    @Test
    void requiredMembersAndEnumsAreValidationExceptions() {
        assertThatThrownBy(() -> scheduler.createSchedule(r -> r.name("incomplete")
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode("SOMETIMES").build())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("3 validation errors detected: ")
                        .contains("Value 'SOMETIMES' at 'flexibleTimeWindow.mode' failed to satisfy constraint: Member"
                                + " must satisfy enum value set: [OFF, FLEXIBLE]")
                        .contains("Value null at 'scheduleExpression' failed to satisfy constraint: Member must not be null")
                        .contains("Value null at 'target' failed to satisfy constraint: Member must not be null"));
    }

    @Test
    void routedOperationNotImplementedAnswers501() {
        assertThatThrownBy(() -> scheduler.deleteSchedule(r -> r.name("any")))
                .isInstanceOfSatisfying(SchedulerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("berth does not implement scheduler:DeleteSchedule yet");
                });
    }

    @Test
    void unroutablePathsAndMalformedBodiesAreRejectedInRestJsonShape() {
        HttpResponse<String> unrouted = RawRequests.signedSend("GET", fixture.endpoint().resolve("/no/such/route"), Map.of(),
                "", "scheduler", TestCredentials.longTerm());
        assertThat(unrouted.statusCode()).isEqualTo(404);
        assertThat(RawRequests.header(unrouted, "x-amzn-ErrorType")).isEqualTo("UnknownOperationException");

        HttpResponse<String> malformed = RawRequests.signedSend("POST", fixture.endpoint().resolve("/schedules/broken"),
                Map.of("Content-Type", "application/json"), "{\"ScheduleExpression\": ", "scheduler",
                TestCredentials.longTerm());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(RawRequests.header(malformed, "x-amzn-ErrorType")).isEqualTo("SerializationException");
        assertThat(RawRequests.header(malformed, "content-type")).isEqualTo("application/json");
        assertThat(malformed.body()).isEqualTo("{\"message\":\"Unable to parse request body as JSON\"}");

        HttpResponse<String> badQuery = RawRequests.signedSend("GET",
                fixture.endpoint().resolve("/schedules?MaxResults=many"), Map.of(), "", "scheduler", TestCredentials.longTerm());
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(badQuery.body()).contains("'maxResults'");
    }
}
