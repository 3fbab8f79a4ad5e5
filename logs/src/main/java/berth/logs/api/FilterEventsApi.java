package berth.logs.api;

import berth.aws.RequestContext;
import berth.aws.paging.PageToken;
import berth.logs.core.LogGroup;
import berth.logs.core.LogStream;
import berth.logs.core.Retention;
import berth.logs.core.filter.FilterPattern;
import berth.logs.core.filter.FilterPatternException;
import berth.logs.state.LogRecords;
import berth.logs.storage.GroupSearch;
import berth.logs.storage.LogStorage;
import berth.logs.storage.StreamClosedException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.SearchedLogStream;

/** FilterLogEvents: the events of a group's streams that match a filter pattern, interleaved by time. */
final class FilterEventsApi {
    /** How many events one call examines at most before answering with a token to continue. */
    static final int SCAN_BUDGET = 200_000;

    private final LogRecords records;
    private final LogStorage storage;
    private final Clock clock;
    private final LogGroupLookup lookup;

    FilterEventsApi(LogRecords records, LogStorage storage, Clock clock) {
        this.records = records;
        this.storage = storage;
        this.clock = clock;
        this.lookup = new LogGroupLookup(records);
    }

    FilterLogEventsResponse filter(FilterLogEventsRequest request, RequestContext ctx) {
        LogGroup group = lookup.require(request.logGroupName(), request.logGroupIdentifier(), ctx).value();
        if (request.hasLogStreamNames() && request.logStreamNamePrefix() != null) {
            throw LogsErrors.INVALID_PARAMETER.exception("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        FilterPattern pattern;
        try {
            pattern = FilterPattern.parse(request.filterPattern());
        } catch (FilterPatternException e) {
            throw LogsErrors.INVALID_PARAMETER.exception(e.getMessage());
        }
        Map<String, LogStream> streams = new TreeMap<>();
        if (request.hasLogStreamNames()) {
            for (String name : request.logStreamNames()) {
                records.stream(ctx.scope(), group.name(), name).ifPresent(s -> streams.put(s.name(), s));
            }
        } else {
            String prefix = request.logStreamNamePrefix() == null ? "" : request.logStreamNamePrefix();
            records.streams(ctx.scope(), group.name(), prefix).forEach(s -> streams.put(s.name(), s));
        }
        Optional<GroupSearch.Position> after = Optional.empty();
        if (request.nextToken() != null && !request.nextToken().isEmpty()) {
            after = Optional.of(position(request.nextToken()));
        }
        long start = request.startTime() == null ? Long.MIN_VALUE : request.startTime();
        start = Math.max(start, Retention.cutoff(group.retentionInDays(), clock.millis()));
        long end = request.endTime() == null ? Long.MAX_VALUE : request.endTime();
        int limit = request.limit() == null ? 10_000 : request.limit();
        List<GroupSearch.Source> sources = new ArrayList<>();
        Map<String, String> storageIds = new TreeMap<>();
        for (LogStream stream : streams.values()) {
            sources.add(new GroupSearch.Source(stream.name(), storage.stream(stream.storageId())));
            storageIds.put(stream.name(), stream.storageId());
        }
        GroupSearch.Result result;
        try {
            result = GroupSearch.search(sources, new GroupSearch.Query(start, end, pattern, limit, after, SCAN_BUDGET));
        } catch (StreamClosedException deleted) {
            throw LogsErrors.INVALID_PARAMETER.exception("A log stream was deleted during the search; retry the request.");
        } catch (UncheckedIOException e) {
            throw LogsErrors.storageFailure(e.getCause());
        }
        List<FilteredLogEvent> events = new ArrayList<>(result.events().size());
        for (GroupSearch.Found found : result.events()) {
            events.add(FilteredLogEvent.builder()
                    .logStreamName(found.stream())
                    .timestamp(found.event().timestamp())
                    .message(found.event().message())
                    .ingestionTime(found.event().ingestionTime())
                    .eventId(eventId(storageIds.get(found.stream()), found.event().timestamp(), found.event().sequence()))
                    .build());
        }
        List<SearchedLogStream> searched = new ArrayList<>();
        result.searchedCompletely().forEach((name, complete) ->
                searched.add(SearchedLogStream.builder().logStreamName(name).searchedCompletely(complete).build()));
        return FilterLogEventsResponse.builder()
                .events(events)
                .searchedLogStreams(searched)
                .nextToken(result.resumeAfter().map(FilterEventsApi::token).orElse(null))
                .build();
    }

    private static String token(GroupSearch.Position position) {
        return PageToken.encode(position.timestamp() + ":" + position.sequence() + ":" + position.stream());
    }

    private static GroupSearch.Position position(String token) {
        String key = PageToken.decode(token).orElseThrow(LogsErrors::invalidToken);
        String[] parts = key.split(":", 3);
        if (parts.length != 3) throw LogsErrors.invalidToken();
        try {
            return new GroupSearch.Position(Long.parseLong(parts[0]), parts[2], Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw LogsErrors.invalidToken();
        }
    }

    /** A stable id in AWS's 56-digit shape: timestamp, sequence, and a digest of the stream's storage. */
    static String eventId(String storageId, long timestamp, long sequence) {
        long stream = Long.parseUnsignedLong(storageId.substring(0, 15), 16) % 10_000_000_000_000_000L;
        return pad(timestamp, 20) + pad(sequence, 20) + pad(stream, 16);
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(Math.max(0, value));
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
