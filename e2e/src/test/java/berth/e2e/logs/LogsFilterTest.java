package berth.e2e.logs;

import static berth.e2e.logs.LogsSdkTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** FilterLogEvents across a group's streams, and retention actually deleting events. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "logs")
class LogsFilterTest {
    private final CloudWatchLogsClient logs;
    private long now;

    LogsFilterTest(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @BeforeEach
    void threeStreams() {
        now = System.currentTimeMillis();
        logs.createLogGroup(r -> r.logGroupName("/svc"));
        for (String stream : List.of("api/1", "api/2", "worker/1")) {
            logs.createLogStream(r -> r.logGroupName("/svc").logStreamName(stream));
        }
        logs.putLogEvents(r -> r.logGroupName("/svc").logStreamName("api/1").logEvents(
                event(now - 5000, "{\"level\":\"INFO\",\"latency\":20,\"path\":\"/health\"}"),
                event(now - 3000, "{\"level\":\"ERROR\",\"latency\":250,\"path\":\"/orders\"}")));
        logs.putLogEvents(r -> r.logGroupName("/svc").logStreamName("api/2").logEvents(
                event(now - 4000, "{\"level\":\"WARN\",\"latency\":120,\"path\":\"/orders\"}"),
                event(now - 2000, "{\"level\":\"ERROR\",\"latency\":80,\"path\":\"/users\"}")));
        logs.putLogEvents(r -> r.logGroupName("/svc").logStreamName("worker/1").logEvents(
                event(now - 4500, "ERROR job 7 failed: timeout"),
                event(now - 1000, "INFO job 8 done")));
    }

    private List<String> messages(FilterLogEventsResponse response) {
        return response.events().stream().map(FilteredLogEvent::message).toList();
    }

    @Test
    void eventsOfAllStreamsAreInterleavedByTime() {
        FilterLogEventsResponse all = logs.filterLogEvents(r -> r.logGroupName("/svc"));
        assertThat(all.events()).extracting(FilteredLogEvent::logStreamName)
                .containsExactly("api/1", "worker/1", "api/2", "api/1", "api/2", "worker/1");
        assertThat(all.events()).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates().allMatch(id -> id.length() == 56);
        assertThat(all.nextToken()).isNull();
        assertThat(all.searchedLogStreams()).hasSize(3).allMatch(s -> s.searchedCompletely());
    }

    @Test
    void termsAndJsonConditionsSelectEvents() {
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("ERROR")))).hasSize(3);
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("ERROR -timeout")))).hasSize(2);
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("?timeout ?done")))).hasSize(2);
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("\"job 8\""))))
                .containsExactly("INFO job 8 done");
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("{ $.level = \"ERROR\" }"))))
                .hasSize(2).allMatch(m -> m.contains("\"ERROR\""));
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("{ $.latency > 100 }"))))
                .hasSize(2).allMatch(m -> m.contains("/orders"));
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc")
                .filterPattern("{ $.level = \"ERROR\" && $.latency > 100 || $.path = /users }")))).hasSize(2);
        assertThat(messages(logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("{ $.path = \"/ord*\" }")))).hasSize(2);
        assertThatThrownBy(() -> logs.filterLogEvents(r -> r.logGroupName("/svc").filterPattern("{ $.level = ")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void streamsTimeWindowAndIdentifierNarrowTheSearch() {
        assertThat(logs.filterLogEvents(r -> r.logGroupName("/svc").logStreamNames("api/2", "worker/1")).events())
                .extracting(FilteredLogEvent::logStreamName).containsExactly("worker/1", "api/2", "api/2", "worker/1");
        assertThat(logs.filterLogEvents(r -> r.logGroupName("/svc").logStreamNamePrefix("api/")).events()).hasSize(4);
        assertThat(logs.filterLogEvents(r -> r.logGroupName("/svc").startTime(now - 4000).endTime(now - 2000)).events())
                .extracting(FilteredLogEvent::timestamp).containsExactly(now - 4000, now - 3000, now - 2000);
        assertThat(logs.filterLogEvents(r -> r.logGroupIdentifier("arn:aws:logs:us-east-1:000000000000:log-group:/svc"))
                .events()).hasSize(6);
        assertThatThrownBy(() -> logs.filterLogEvents(r -> r.logGroupName("/svc").logStreamNames("a").logStreamNamePrefix("a")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void smallPagesCarryTokensUntilTheEnd() {
        List<String> paged = new ArrayList<>();
        logs.filterLogEventsPaginator(r -> r.logGroupName("/svc").limit(2)).events().forEach(e -> paged.add(e.message()));
        assertThat(paged).hasSize(6).doesNotHaveDuplicates();
        FilterLogEventsResponse first = logs.filterLogEvents(r -> r.logGroupName("/svc").limit(2));
        assertThat(first.nextToken()).isNotNull();
        assertThatThrownBy(() -> logs.filterLogEvents(r -> r.logGroupName("/svc").nextToken("forged")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("nextToken");
    }

    @Test
    void retentionHidesExpiredEventsAtOnceAndDeletesThem() throws InterruptedException {
        long day = 86_400_000L;
        logs.createLogStream(r -> r.logGroupName("/svc").logStreamName("old"));
        logs.putLogEvents(r -> r.logGroupName("/svc").logStreamName("old").logEvents(
                event(now - 10 * day, "ten days old"), event(now - 10 * day + 1000, "ten days old too")));
        logs.putLogEvents(r -> r.logGroupName("/svc").logStreamName("old").logEvents(event(now - 3 * day, "three days old")));
        long before = logs.describeLogGroups().logGroups().get(0).storedBytes();

        logs.putRetentionPolicy(r -> r.logGroupName("/svc").retentionInDays(7));
        assertThat(logs.getLogEvents(r -> r.logGroupName("/svc").logStreamName("old")).events())
                .extracting(OutputLogEvent::message).containsExactly("three days old");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long after = before;
        while (System.nanoTime() < deadline && after == before) {
            Thread.sleep(100);
            after = logs.describeLogGroups().logGroups().get(0).storedBytes();
        }
        assertThat(after).isEqualTo(before - "ten days old".length() - "ten days old too".length());
        assertThat(logs.describeLogStreams(r -> r.logGroupName("/svc").logStreamNamePrefix("old")).logStreams().get(0)
                .firstEventTimestamp()).isEqualTo(now - 3 * day);

        var rejected = logs.putLogEvents(r -> r.logGroupName("/svc").logStreamName("old")
                .logEvents(event(now - 8 * day, "expired on arrival"), event(now - 8 * day + 5, "also")));
        assertThat(rejected.rejectedLogEventsInfo().expiredLogEventEndIndex()).isEqualTo(2);
    }
}
