package berth.logs.api;

import berth.aws.RequestContext;
import berth.logs.core.IngestRules;
import berth.logs.core.LogGroup;
import berth.logs.core.LogNames;
import berth.logs.core.LogStream;
import berth.logs.core.Retention;
import berth.logs.core.StreamPage;
import berth.logs.core.StreamToken;
import berth.logs.state.LogRecords;
import berth.logs.storage.LogStorage;
import berth.logs.storage.StoredEvent;
import berth.logs.storage.StreamClosedException;
import berth.logs.storage.StreamLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

/** PutLogEvents and GetLogEvents: events into and out of one stream's segment storage. */
final class LogEventsApi {
    private final LogRecords records;
    private final LogStorage storage;
    private final Clock clock;
    private final LogGroupLookup lookup;

    LogEventsApi(LogRecords records, LogStorage storage, Clock clock) {
        this.records = records;
        this.storage = storage;
        this.clock = clock;
        this.lookup = new LogGroupLookup(records);
    }

    PutLogEventsResponse put(PutLogEventsRequest request, RequestContext ctx) {
        LogNames.streamNameProblem("logStreamName", request.logStreamName()).ifPresent(m -> {
            throw LogsErrors.INVALID_PARAMETER.exception(m);
        });
        LogGroup group = lookup.require(request.logGroupName(), ctx).value();
        LogStream stream = records.stream(ctx.scope(), group.name(), request.logStreamName())
                .orElseThrow(LogsErrors::streamNotFound);
        List<InputLogEvent> events = request.logEvents();
        int n = events.size();
        long[] timestamps = new long[n];
        byte[][] messages = new byte[n][];
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            InputLogEvent event = events.get(i);
            timestamps[i] = event.timestamp();
            messages[i] = event.message().getBytes(StandardCharsets.UTF_8);
            sizes[i] = messages[i].length;
        }
        long now = clock.millis();
        IngestRules.Verdict verdict = IngestRules.judge(timestamps, sizes, now, group.retentionInDays());
        if (verdict instanceof IngestRules.Refused refused) throw LogsErrors.INVALID_PARAMETER.exception(refused.message());
        IngestRules.Admitted admitted = (IngestRules.Admitted) verdict;
        StreamLog log = storage.stream(stream.storageId());
        long stored;
        try {
            StreamLog.Appended appended = log.append(timestamps, messages, admitted.from(), admitted.to(), now);
            stored = appended.count() == 0 ? log.stats().eventCount() : appended.firstSequence() + appended.count();
        } catch (StreamClosedException deleted) {
            throw LogsErrors.streamNotFound();
        } catch (IOException e) {
            throw LogsErrors.storageFailure(e);
        }
        var response = PutLogEventsResponse.builder().nextSequenceToken(sequenceToken(stored));
        if (admitted.anyRejected()) {
            var rejected = RejectedLogEventsInfo.builder();
            if (admitted.tooNewStart() >= 0) rejected.tooNewLogEventStartIndex(admitted.tooNewStart());
            if (admitted.tooOldEnd() >= 0) rejected.tooOldLogEventEndIndex(admitted.tooOldEnd());
            if (admitted.expiredEnd() >= 0) rejected.expiredLogEventEndIndex(admitted.expiredEnd());
            response.rejectedLogEventsInfo(rejected.build());
        }
        return response.build();
    }

    GetLogEventsResponse get(GetLogEventsRequest request, RequestContext ctx) {
        LogGroup group = lookup.require(request.logGroupName(), request.logGroupIdentifier(), ctx).value();
        LogNames.streamNameProblem("logStreamName", request.logStreamName()).ifPresent(m -> {
            throw LogsErrors.INVALID_PARAMETER.exception(m);
        });
        LogStream stream = records.stream(ctx.scope(), group.name(), request.logStreamName())
                .orElseThrow(LogsErrors::streamNotFound);
        Optional<StreamToken> token = Optional.empty();
        if (request.nextToken() != null && !request.nextToken().isEmpty()) {
            token = Optional.of(StreamToken.decode(request.nextToken()).orElseThrow(LogsErrors::invalidToken));
        }
        long start = request.startTime() == null ? Long.MIN_VALUE : request.startTime();
        start = Math.max(start, Retention.cutoff(group.retentionInDays(), clock.millis()));
        long end = request.endTime() == null ? Long.MAX_VALUE : request.endTime();
        StreamPage.Request paging = new StreamPage.Request(start, end, token, Boolean.TRUE.equals(request.startFromHead()),
                request.limit() == null ? StreamPage.MAX_EVENTS : request.limit());
        record Answer(StreamPage page, List<StoredEvent> events) {}
        Answer answer;
        try {
            answer = storage.stream(stream.storageId()).read(reader -> {
                StreamPage page = StreamPage.of(reader.events(), paging);
                return new Answer(page, reader.load(page.from(), page.to()));
            });
        } catch (StreamClosedException deleted) {
            throw LogsErrors.streamNotFound();
        } catch (UncheckedIOException e) {
            throw LogsErrors.storageFailure(e.getCause());
        }
        List<OutputLogEvent> events = new ArrayList<>(answer.events().size());
        for (StoredEvent event : answer.events()) {
            events.add(OutputLogEvent.builder().timestamp(event.timestamp()).message(event.message())
                    .ingestionTime(event.ingestionTime()).build());
        }
        return GetLogEventsResponse.builder().events(events)
                .nextForwardToken(answer.page().nextForward().encode())
                .nextBackwardToken(answer.page().nextBackward().encode())
                .build();
    }

    /** A sequence token in AWS's 56-digit shape; PutLogEvents ignores the tokens it is given, as AWS now does. */
    static String sequenceToken(long eventsStored) {
        String digits = Long.toString(Math.max(0, eventsStored));
        return "4" + "0".repeat(55 - digits.length()) + digits;
    }
}
