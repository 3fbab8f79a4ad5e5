package berth.logs.storage;

import berth.logs.core.EventPosition;
import berth.logs.core.OrderedEvents;
import berth.logs.core.filter.FilterPattern;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * FilterLogEvents' walk over a group: the chosen streams' events merged in (timestamp, stream name,
 * sequence) order, read from storage in chunks, tested against the filter pattern, until the page is
 * full, the response would pass 1 MB, or the scan budget of one call is spent. A page that stops early
 * says where the next one resumes.
 */
public final class GroupSearch {
    static final int CHUNK = 512;
    public static final int RESPONSE_BYTES = 1_048_576;

    private GroupSearch() {}

    /** A stream to search. */
    public record Source(String name, StreamLog log) {}

    /** A place in the merged order; the next page starts after it. */
    public record Position(long timestamp, String stream, long sequence) {}

    public record Found(String stream, StoredEvent event) {}

    /**
     * @param resumeAfter present when the search stopped before the last candidate
     * @param searchedCompletely for each searched stream, whether it has no candidates left
     */
    public record Result(List<Found> events, Optional<Position> resumeAfter, Map<String, Boolean> searchedCompletely) {}

    /** The window is {@code startTime <= timestamp <= endTime}. */
    public record Query(long startTime, long endTime, FilterPattern pattern, int limit, Optional<Position> after,
                        int scanBudget) {}

    public static Result search(List<Source> sources, Query query) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator
                .comparingLong((Cursor c) -> c.peek().timestamp())
                .thenComparing(c -> c.source.name())
                .thenComparingLong(c -> c.peek().sequence()));
        List<Cursor> cursors = new ArrayList<>();
        for (Source source : sources) {
            Cursor cursor = new Cursor(source, query);
            cursors.add(cursor);
            if (cursor.hasNext()) heads.add(cursor);
        }
        List<Found> found = new ArrayList<>();
        long bytes = 0;
        int scanned = 0;
        Position last = null;
        boolean stoppedEarly = false;
        while (!heads.isEmpty()) {
            if (found.size() >= query.limit() || bytes >= RESPONSE_BYTES || scanned >= query.scanBudget()) {
                stoppedEarly = true;
                break;
            }
            Cursor cursor = heads.poll();
            StoredEvent event = cursor.next();
            scanned++;
            last = new Position(event.timestamp(), cursor.source.name(), event.sequence());
            if (query.pattern().matches(event.message())) {
                found.add(new Found(cursor.source.name(), event));
                bytes += event.message().length() + 100L;
            }
            if (cursor.hasNext()) heads.add(cursor);
        }
        Map<String, Boolean> complete = new LinkedHashMap<>();
        for (Cursor cursor : cursors) complete.put(cursor.source.name(), !cursor.hasNext());
        return new Result(found, stoppedEarly && last != null ? Optional.of(last) : Optional.empty(), complete);
    }

    /** One stream's events in order, read a chunk at a time after the last one handed out. */
    private static final class Cursor {
        final Source source;
        private final long startTime;
        private final long endTime;
        private final ArrayDeque<StoredEvent> buffer = new ArrayDeque<>();
        private EventPosition after;
        private boolean drained;

        Cursor(Source source, Query query) {
            this.source = source;
            this.startTime = query.startTime();
            this.endTime = query.endTime();
            EventPosition beforeStart = new EventPosition(startTime, Long.MIN_VALUE);
            this.after = beforeStart;
            if (query.after().isPresent()) {
                Position resume = query.after().get();
                int byName = source.name().compareTo(resume.stream());
                EventPosition resumeAt = byName > 0 ? new EventPosition(resume.timestamp(), Long.MIN_VALUE)
                        : byName < 0 ? new EventPosition(resume.timestamp(), Long.MAX_VALUE)
                        : new EventPosition(resume.timestamp(), resume.sequence());
                if (resumeAt.compareTo(beforeStart) > 0) this.after = resumeAt;
            }
        }

        boolean hasNext() {
            if (buffer.isEmpty() && !drained) fill();
            return !buffer.isEmpty();
        }

        StoredEvent peek() {
            return buffer.peekFirst();
        }

        StoredEvent next() {
            StoredEvent event = buffer.pollFirst();
            after = new EventPosition(event.timestamp(), event.sequence());
            return event;
        }

        private void fill() {
            EventPosition from = after;
            List<StoredEvent> chunk = source.log().read(reader -> {
                OrderedEvents events = reader.events();
                int i = events.firstAfter(from);
                int end = endTime == Long.MAX_VALUE ? events.size() : events.firstAtOrAfter(endTime + 1);
                int j = Math.min(end, i + CHUNK);
                return i < j ? reader.load(i, j) : List.of();
            });
            if (chunk.isEmpty()) drained = true;
            buffer.addAll(chunk);
        }
    }
}
