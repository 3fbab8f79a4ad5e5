package berth.logs.core;

import java.util.Optional;

/**
 * Which events one GetLogEvents call returns, and its tokens, the way AWS pages a stream.
 *
 * <p>The window is {@code startTime <= timestamp < endTime}. Without a token the call reads from the
 * window's start ({@code startFromHead}) or, by default, returns its newest events. A forward token
 * reads the events after its position, a backward token those before it. A non-empty page answers
 * {@code f/} after its last event and {@code b/} before its first; an empty page hands the caller's
 * token back unchanged, which is how clients know they have reached the end.
 *
 * @param from index of the first event returned
 * @param to one past the last event returned ({@code from == to} for an empty page)
 */
public record StreamPage(int from, int to, StreamToken nextForward, StreamToken nextBackward) {
    public static final int MAX_EVENTS = 10_000;
    public static final int MAX_RESPONSE_BYTES = 1_048_576;
    /** What one event adds to the response besides its message, roughly as AWS counts it. */
    public static final int EVENT_OVERHEAD_BYTES = 26;

    /** A GetLogEvents request, reduced to what paging needs. */
    public record Request(long startTime, long endTime, Optional<StreamToken> token, boolean startFromHead, int limit) {}

    public static StreamPage of(OrderedEvents events, Request request) {
        int low = request.startTime() == Long.MIN_VALUE ? 0 : events.firstAtOrAfter(request.startTime());
        int high = request.endTime() == Long.MAX_VALUE ? events.size() : events.firstAtOrAfter(request.endTime());
        high = Math.max(low, high);
        int limit = Math.max(1, Math.min(request.limit(), MAX_EVENTS));
        boolean ascending;
        int start;
        if (request.token().isPresent()) {
            StreamToken token = request.token().get();
            ascending = token.forward();
            start = ascending ? Math.max(low, events.firstAfter(token.position()))
                    : Math.min(high, events.firstAtOrAfter(token.position()));
        } else {
            ascending = request.startFromHead();
            start = ascending ? low : high;
        }
        int from;
        int to;
        if (ascending) {
            from = start;
            to = from;
            long bytes = 0;
            while (to < high && to - from < limit) {
                bytes += events.messageBytes(to) + EVENT_OVERHEAD_BYTES;
                if (bytes > MAX_RESPONSE_BYTES && to > from) break;
                to++;
            }
        } else {
            to = start;
            from = to;
            long bytes = 0;
            while (from > low && to - from < limit) {
                bytes += events.messageBytes(from - 1) + EVENT_OVERHEAD_BYTES;
                if (bytes > MAX_RESPONSE_BYTES && to > from) break;
                from--;
            }
        }
        if (from < to) {
            return new StreamPage(from, to, StreamToken.forwardFrom(events.position(to - 1)),
                    StreamToken.backwardFrom(events.position(from)));
        }
        return empty(from, request);
    }

    private static StreamPage empty(int at, Request request) {
        if (request.token().isPresent()) {
            StreamToken token = request.token().get();
            EventPosition position = token.position();
            return token.forward()
                    ? new StreamPage(at, at, token, StreamToken.backwardFrom(position.justAfter()))
                    : new StreamPage(at, at, StreamToken.forwardFrom(position.justBefore()), token);
        }
        long edge = Math.max(0, request.startTime() == Long.MIN_VALUE ? 0 : request.startTime());
        EventPosition beforeWindow = new EventPosition(edge, -1);
        return new StreamPage(at, at, StreamToken.forwardFrom(beforeWindow), StreamToken.backwardFrom(beforeWindow.justAfter()));
    }
}
