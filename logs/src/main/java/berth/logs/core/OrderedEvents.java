package berth.logs.core;

/**
 * The events of one stream as paging sees them: ordered by timestamp, then by ingestion sequence,
 * addressed by index. Messages stay in storage; only their sizes are known here.
 */
public interface OrderedEvents {
    int size();

    long timestamp(int index);

    long sequence(int index);

    int messageBytes(int index);

    /** The index of the first event stamped at or after {@code timestamp}; {@link #size()} if none. */
    default int firstAtOrAfter(long timestamp) {
        int low = 0;
        int high = size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (timestamp(mid) < timestamp) low = mid + 1; else high = mid;
        }
        return low;
    }

    /** The index of the first event ordered after {@code position}; {@link #size()} if none. */
    default int firstAfter(EventPosition position) {
        int low = 0;
        int high = size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (position.compareTo(timestamp(mid), sequence(mid)) >= 0) low = mid + 1; else high = mid;
        }
        return low;
    }

    /** The index of the first event at or after {@code position}; {@link #size()} if none. */
    default int firstAtOrAfter(EventPosition position) {
        int low = 0;
        int high = size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (position.compareTo(timestamp(mid), sequence(mid)) > 0) low = mid + 1; else high = mid;
        }
        return low;
    }

    default EventPosition position(int index) {
        return new EventPosition(timestamp(index), sequence(index));
    }
}
