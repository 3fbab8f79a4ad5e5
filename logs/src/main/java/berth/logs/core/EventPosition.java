package berth.logs.core;

/**
 * A place in a stream's order: events sort by timestamp, then by the sequence number the stream gave
 * them at ingestion. A position need not be an event's own; {@code sequence} -1 sorts before every
 * event of its millisecond.
 */
public record EventPosition(long timestamp, long sequence) implements Comparable<EventPosition> {

    @Override
    public int compareTo(EventPosition other) {
        return compareTo(other.timestamp, other.sequence);
    }

    /** How this position sorts against the event ({@code timestamp}, {@code sequence}). */
    public int compareTo(long otherTimestamp, long otherSequence) {
        int byTime = Long.compare(timestamp, otherTimestamp);
        return byTime != 0 ? byTime : Long.compare(sequence, otherSequence);
    }

    /** The position just before this one: every event at or after this one sorts after it. */
    public EventPosition justBefore() {
        return new EventPosition(timestamp, sequence - 1);
    }

    /** The position just after this one. */
    public EventPosition justAfter() {
        return new EventPosition(timestamp, sequence + 1);
    }
}
