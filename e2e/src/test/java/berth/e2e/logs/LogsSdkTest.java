package berth.e2e.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Log groups, streams and events through the AWS SDK for Java v2. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "logs")
class LogsSdkTest {
    private final CloudWatchLogsClient logs;

    LogsSdkTest(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    private void groupWithStream(String group, String stream) {
        logs.createLogGroup(r -> r.logGroupName(group));
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
    }

    @Test
    void logGroupsAreCreatedDescribedPagedAndDeleted() {
        logs.createLogGroup(r -> r.logGroupName("/app/web").tags(Map.of("team", "blue")));
        logs.createLogGroup(r -> r.logGroupName("/app/worker"));
        logs.createLogGroup(r -> r.logGroupName("/other"));
        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("/app/web")))
                .isInstanceOf(ResourceAlreadyExistsException.class).hasMessageContaining("The specified log group already exists");

        List<LogGroup> app = logs.describeLogGroups(r -> r.logGroupNamePrefix("/app/")).logGroups();
        assertThat(app).extracting(LogGroup::logGroupName).containsExactly("/app/web", "/app/worker");
        LogGroup web = app.get(0);
        assertThat(web.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/app/web:*");
        assertThat(web.logGroupArn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/app/web");
        assertThat(web.creationTime()).isPositive();
        assertThat(web.storedBytes()).isZero();
        assertThat(web.retentionInDays()).isNull();

        List<String> paged = new ArrayList<>();
        logs.describeLogGroupsPaginator(r -> r.limit(1)).logGroups().forEach(g -> paged.add(g.logGroupName()));
        assertThat(paged).containsExactly("/app/web", "/app/worker", "/other");

        logs.deleteLogGroup(r -> r.logGroupName("/app/web"));
        assertThatThrownBy(() -> logs.deleteLogGroup(r -> r.logGroupName("/app/web")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("The specified log group does not exist.");
        assertThat(logs.describeLogGroups().logGroups()).extracting(LogGroup::logGroupName).containsExactly("/app/worker", "/other");
    }

    @Test
    void badNamesAndRetentionPeriodsAreRefused() {
        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("bad:name")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("regular expression pattern");
        logs.createLogGroup(r -> r.logGroupName("g"));
        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("g").logStreamName("a*b")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.putRetentionPolicy(r -> r.logGroupName("g").retentionInDays(2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("enum value set: [1, 3, 5, 7");
        logs.putRetentionPolicy(r -> r.logGroupName("g").retentionInDays(14));
        assertThat(logs.describeLogGroups().logGroups().get(0).retentionInDays()).isEqualTo(14);
        logs.deleteRetentionPolicy(r -> r.logGroupName("g"));
        assertThat(logs.describeLogGroups().logGroups().get(0).retentionInDays()).isNull();
    }

    @Test
    void eventsComeBackInTimestampOrderWithStreamStatistics() {
        groupWithStream("g", "s");
        long now = System.currentTimeMillis();
        PutLogEventsResponse first = logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .logEvents(event(now - 3000, "one"), event(now - 2000, "two")));
        assertThat(first.nextSequenceToken()).hasSize(56);
        assertThat(first.rejectedLogEventsInfo()).isNull();
        logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s").sequenceToken("ignored")
                .logEvents(event(now - 1000, "three")));

        GetLogEventsResponse latest = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s"));
        assertThat(latest.events()).extracting(OutputLogEvent::message).containsExactly("one", "two", "three");
        assertThat(latest.events().get(0).timestamp()).isEqualTo(now - 3000);
        assertThat(latest.events().get(0).ingestionTime()).isGreaterThanOrEqualTo(now - 1000);
        assertThat(latest.nextForwardToken()).startsWith("f/");
        assertThat(latest.nextBackwardToken()).startsWith("b/");

        LogStream stream = logs.describeLogStreams(r -> r.logGroupName("g")).logStreams().get(0);
        assertThat(stream.firstEventTimestamp()).isEqualTo(now - 3000);
        assertThat(stream.lastEventTimestamp()).isEqualTo(now - 1000);
        assertThat(stream.lastIngestionTime()).isGreaterThanOrEqualTo(now - 1000);
        assertThat(stream.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:s");
        assertThat(logs.describeLogGroups().logGroups().get(0).storedBytes()).isEqualTo(11);

        assertThat(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").startTime(now - 2000).endTime(now - 1000))
                .events()).extracting(OutputLogEvent::message).containsExactly("two");
        assertThat(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").limit(2)).events())
                .extracting(OutputLogEvent::message).containsExactly("two", "three");
        assertThat(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").limit(2).startFromHead(true)).events())
                .extracting(OutputLogEvent::message).containsExactly("one", "two");
    }

    @Test
    void tokensPageForwardAndBackwardAndRepeatAtTheEnd() {
        groupWithStream("g", "s");
        long now = System.currentTimeMillis();
        List<InputLogEvent> batch = IntStream.range(0, 25).mapToObj(i -> event(now - 25_000 + i * 1000L, "e" + i)).toList();
        logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s").logEvents(batch));

        List<String> forward = new ArrayList<>();
        logs.getLogEventsPaginator(r -> r.logGroupName("g").logStreamName("s").startFromHead(true).limit(10))
                .events().forEach(e -> forward.add(e.message()));
        assertThat(forward).hasSize(25).startsWith("e0", "e1").endsWith("e24");

        GetLogEventsResponse newest = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").limit(10));
        assertThat(newest.events()).extracting(OutputLogEvent::message).startsWith("e15").endsWith("e24");
        GetLogEventsResponse older = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").limit(10)
                .nextToken(newest.nextBackwardToken()));
        assertThat(older.events()).extracting(OutputLogEvent::message).startsWith("e5").endsWith("e14");
        GetLogEventsResponse end = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .nextToken(newest.nextForwardToken()));
        assertThat(end.events()).isEmpty();
        assertThat(end.nextForwardToken()).isEqualTo(newest.nextForwardToken());

        logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s").logEvents(event(now, "late")));
        assertThat(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").nextToken(newest.nextForwardToken()))
                .events()).extracting(OutputLogEvent::message).containsExactly("late");

        assertThatThrownBy(() -> logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").nextToken("f/123")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("The specified nextToken is invalid.");
    }

    @Test
    void hundredThousandLinesArriveCompleteAndInOrder() {
        groupWithStream("/ecs/app", "web/app/task-1");
        long start = System.currentTimeMillis() - 60_000;
        int total = 100_000;
        for (int from = 0; from < total; from += 10_000) {
            int first = from;
            List<InputLogEvent> batch = IntStream.range(first, first + 10_000)
                    .mapToObj(i -> event(start + i / 2000, "line %06d of the container's output".formatted(i))).toList();
            logs.putLogEvents(r -> r.logGroupName("/ecs/app").logStreamName("web/app/task-1").logEvents(batch));
        }
        List<String> lines = new ArrayList<>(total);
        logs.getLogEventsPaginator(r -> r.logGroupName("/ecs/app").logStreamName("web/app/task-1").startFromHead(true))
                .events().forEach(e -> lines.add(e.message()));
        assertThat(lines).hasSize(total);
        for (int i = 0; i < total; i++) {
            if (!lines.get(i).equals("line %06d of the container's output".formatted(i))) {
                throw new AssertionError("line " + i + " is " + lines.get(i));
            }
        }
    }

    @Test
    void batchesBreakingPutLogEventsRulesAreRefusedOrPartlyRejected() {
        groupWithStream("g", "s");
        long now = System.currentTimeMillis();
        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .logEvents(event(now, "b"), event(now - 1, "a"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Log events in a single PutLogEvents request must be in chronological order.");
        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .logEvents(event(now - 25 * 3600_000L, "a"), event(now, "b"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("cannot span more than 24 hours");
        String big = "x".repeat(600_000);
        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .logEvents(event(now, big), event(now, big))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Upload too large: 1200052 bytes exceeds limit of 1048576");
        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s").logEvents(List.of())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logEvents");

        long day = 86_400_000L;
        PutLogEventsResponse old = logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .logEvents(event(now - 14 * day - 2000, "too old"), event(now - 14 * day - 1000, "too old too"),
                        event(now - 14 * day + 60_000, "fine")));
        assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(2);
        PutLogEventsResponse future = logs.putLogEvents(r -> r.logGroupName("g").logStreamName("s")
                .logEvents(event(now, "now"), event(now + 3 * 3600_000L, "too new")));
        assertThat(future.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
        assertThat(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s")).events())
                .extracting(OutputLogEvent::message).containsExactly("fine", "now");

        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("g").logStreamName("nope").logEvents(event(now, "x"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("The specified log stream does not exist.");
        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("nope").logStreamName("s").logEvents(event(now, "x"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("The specified log group does not exist.");
    }

    @Test
    void streamsAreListedByNameOrByLastEventTime() {
        logs.createLogGroup(r -> r.logGroupName("g"));
        long now = System.currentTimeMillis();
        for (String name : List.of("c", "a", "b")) logs.createLogStream(r -> r.logGroupName("g").logStreamName(name));
        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("g").logStreamName("a")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        logs.putLogEvents(r -> r.logGroupName("g").logStreamName("a").logEvents(event(now - 100, "x")));
        logs.putLogEvents(r -> r.logGroupName("g").logStreamName("b").logEvents(event(now - 300, "x")));
        logs.putLogEvents(r -> r.logGroupName("g").logStreamName("c").logEvents(event(now - 200, "x")));

        assertThat(logs.describeLogStreams(r -> r.logGroupName("g")).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("a", "b", "c");
        assertThat(logs.describeLogStreams(r -> r.logGroupName("g").orderBy(OrderBy.LAST_EVENT_TIME).descending(true))
                .logStreams()).extracting(LogStream::logStreamName).containsExactly("a", "c", "b");
        List<String> paged = new ArrayList<>();
        logs.describeLogStreamsPaginator(r -> r.logGroupName("g").orderBy(OrderBy.LAST_EVENT_TIME).limit(1))
                .logStreams().forEach(s -> paged.add(s.logStreamName()));
        assertThat(paged).containsExactly("b", "c", "a");
        assertThatThrownBy(() -> logs.describeLogStreams(r -> r.logGroupName("g").orderBy(OrderBy.LAST_EVENT_TIME)
                .logStreamNamePrefix("a"))).isInstanceOf(InvalidParameterException.class);

        logs.deleteLogStream(r -> r.logGroupName("g").logStreamName("a"));
        assertThatThrownBy(() -> logs.getLogEvents(r -> r.logGroupName("g").logStreamName("a")))
                .isInstanceOf(ResourceNotFoundException.class);
        logs.createLogStream(r -> r.logGroupName("g").logStreamName("a"));
        assertThat(logs.getLogEvents(r -> r.logGroupName("g").logStreamName("a")).events()).isEmpty();
    }

    @Test
    void tagsByArnAndByName() {
        logs.createLogGroup(r -> r.logGroupName("tagged").tags(Map.of("a", "1")));
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:tagged";
        logs.tagResource(r -> r.resourceArn(arn).tags(Map.of("b", "2")));
        assertThat(logs.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        logs.untagResource(r -> r.resourceArn(arn + ":*").tagKeys("a"));
        assertThat(logs.listTagsLogGroup(r -> r.logGroupName("tagged")).tags()).containsExactlyEntriesOf(Map.of("b", "2"));
        logs.tagLogGroup(r -> r.logGroupName("tagged").tags(Map.of("c", "3")));
        logs.untagLogGroup(r -> r.logGroupName("tagged").tags("b"));
        assertThat(logs.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactlyEntriesOf(Map.of("c", "3"));
        assertThatThrownBy(() -> logs.listTagsForResource(r -> r.resourceArn(arn + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> logs.tagResource(r -> r.resourceArn(arn).tags(Map.of("aws:x", "1"))))
                .isInstanceOf(CloudWatchLogsException.class);
    }
}
