package berth.logs.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.PageToken;
import berth.logs.core.LogGroup;
import berth.logs.core.LogNames;
import berth.logs.core.LogStream;
import berth.logs.state.LogRecords;
import berth.logs.storage.LogStorage;
import berth.logs.storage.StreamStats;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;

/** CreateLogStream, DeleteLogStream, DescribeLogStreams. */
final class LogStreamApi {
    private final LogRecords records;
    private final LogStorage storage;
    private final Clock clock;
    private final LogGroupLookup lookup;
    private final LogGroupApi groups;

    LogStreamApi(LogRecords records, LogStorage storage, Clock clock, LogGroupApi groups) {
        this.records = records;
        this.storage = storage;
        this.clock = clock;
        this.lookup = new LogGroupLookup(records);
        this.groups = groups;
    }

    CreateLogStreamResponse create(CreateLogStreamRequest request, RequestContext ctx) {
        LogNames.streamNameProblem("logStreamName", request.logStreamName()).ifPresent(m -> {
            throw LogsErrors.INVALID_PARAMETER.exception(m);
        });
        Scope scope = ctx.scope();
        for (int attempt = 0; ; attempt++) {
            var group = lookup.require(request.logGroupName(), ctx);
            if (records.stream(scope, group.value().name(), request.logStreamName()).isPresent()) {
                throw LogsErrors.RESOURCE_ALREADY_EXISTS.exception("The specified log stream already exists");
            }
            LogStream stream = LogStream.created(group.value(), request.logStreamName(), clock.millis(), LogStorage.newStorageId());
            try {
                records.createStream(stream, group);
                return CreateLogStreamResponse.builder().build();
            } catch (VersionConflict conflict) {
                if (attempt > 20) throw conflict;
            }
        }
    }

    DeleteLogStreamResponse delete(DeleteLogStreamRequest request, RequestContext ctx) {
        LogGroup group = lookup.require(request.logGroupName(), ctx).value();
        LogStream stream = records.stream(ctx.scope(), group.name(), request.logStreamName())
                .orElseThrow(LogsErrors::streamNotFound);
        records.deleteStream(stream);
        groups.deleteEvents(stream);
        return DeleteLogStreamResponse.builder().build();
    }

    /** A stream with its statistics, and where it sorts. */
    private record Described(LogStream stream, StreamStats stats, long lastEvent) {}

    DescribeLogStreamsResponse describe(DescribeLogStreamsRequest request, RequestContext ctx) {
        String groupName = LogGroupLookup.nameOf(request.logGroupName(), request.logGroupIdentifier(), ctx);
        LogGroup group = lookup.require(groupName, ctx).value();
        boolean byTime = request.orderBy() == OrderBy.LAST_EVENT_TIME;
        String prefix = request.logStreamNamePrefix();
        if (byTime && prefix != null) {
            throw LogsErrors.INVALID_PARAMETER.exception("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        boolean descending = Boolean.TRUE.equals(request.descending());
        int limit = request.limit() == null ? 50 : request.limit();
        List<Described> streams = new ArrayList<>();
        for (LogStream stream : records.streams(ctx.scope(), group.name(), prefix == null ? "" : prefix)) {
            StreamStats stats = storage.stream(stream.storageId()).stats();
            streams.add(new Described(stream, stats, stats.lastEventTimestamp().orElse(0)));
        }
        Comparator<Described> order = byTime
                ? Comparator.<Described>comparingLong(Described::lastEvent).thenComparing(d -> d.stream().name())
                : Comparator.comparing(d -> d.stream().name());
        if (descending) order = order.reversed();
        streams.sort(order);
        int start = 0;
        if (request.nextToken() != null && !request.nextToken().isEmpty()) {
            String key = PageToken.decode(request.nextToken()).orElseThrow(LogsErrors::invalidToken);
            int colon = key.indexOf(':');
            if (colon < 0) throw LogsErrors.invalidToken();
            long lastEvent;
            try {
                lastEvent = Long.parseLong(key.substring(0, colon));
            } catch (NumberFormatException e) {
                throw LogsErrors.invalidToken();
            }
            String afterName = key.substring(colon + 1);
            while (start < streams.size() && compareToKey(streams.get(start), lastEvent, afterName, byTime, descending) <= 0) {
                start++;
            }
        }
        int end = Math.min(streams.size(), start + limit);
        List<software.amazon.awssdk.services.cloudwatchlogs.model.LogStream> out = new ArrayList<>();
        for (Described described : streams.subList(start, end)) out.add(toSdk(described));
        String next = null;
        if (end < streams.size() && end > start) {
            Described last = streams.get(end - 1);
            next = PageToken.encode(last.lastEvent() + ":" + last.stream().name());
        }
        return DescribeLogStreamsResponse.builder().logStreams(out).nextToken(next).build();
    }

    /** How a stream sorts against the page key {@code (lastEvent, name)} in the requested order. */
    private static int compareToKey(Described item, long lastEvent, String name, boolean byTime,
                                    boolean descending) {
        int result = byTime ? Long.compare(item.lastEvent(), lastEvent) : 0;
        if (result == 0) result = item.stream().name().compareTo(name);
        return descending ? -result : result;
    }

    private static software.amazon.awssdk.services.cloudwatchlogs.model.LogStream toSdk(Described described) {
        LogStream stream = described.stream();
        StreamStats stats = described.stats();
        var builder = software.amazon.awssdk.services.cloudwatchlogs.model.LogStream.builder()
                .logStreamName(stream.name())
                .creationTime(stream.creationTime())
                .arn(stream.arn())
                .storedBytes(stats.storedBytes());
        stats.firstEventTimestamp().ifPresent(builder::firstEventTimestamp);
        stats.lastEventTimestamp().ifPresent(builder::lastEventTimestamp);
        stats.lastIngestionTime().ifPresent(builder::lastIngestionTime);
        if (stats.eventCount() > 0) builder.uploadSequenceToken(LogEventsApi.sequenceToken(stats.eventCount()));
        return builder.build();
    }
}
