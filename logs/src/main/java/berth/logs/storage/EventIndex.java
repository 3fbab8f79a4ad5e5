package berth.logs.storage;

import berth.logs.core.OrderedEvents;

/**
 * Where each event of a stream lives, ordered by (timestamp, sequence): parallel primitive arrays,
 * published as immutable {@link View}s. Appending in order writes past the end of the arrays that
 * published views share (readers never look beyond their own count); anything else, an out-of-order
 * batch or a removal, builds new arrays. One writer at a time; readers never lock.
 */
final class EventIndex {
    /**
     * @param locations segment id in the high 24 bits, file offset in the low 40
     * @param lengths record lengths in bytes
     * @param messageBytes total message bytes of the first {@code count} events
     * @param lastIngestionTime the latest ingestion time of any event, 0 when empty
     */
    record View(long[] timestamps, long[] sequences, long[] locations, int[] lengths, int count, long messageBytes,
                long lastIngestionTime) implements OrderedEvents {
        static final View EMPTY = new View(new long[0], new long[0], new long[0], new int[0], 0, 0, 0);

        @Override public int size() { return count; }
        @Override public long timestamp(int index) { return timestamps[index]; }
        @Override public long sequence(int index) { return sequences[index]; }
        @Override public int messageBytes(int index) { return lengths[index] - EventRecords.OVERHEAD_BYTES; }

        int segment(int index) {
            return (int) (locations[index] >>> 40);
        }

        long offset(int index) {
            return locations[index] & OFFSET_MASK;
        }
    }

    static final long OFFSET_MASK = (1L << 40) - 1;

    static long location(int segment, long offset) {
        return ((long) segment << 40) | offset;
    }

    private volatile View view = View.EMPTY;

    View view() {
        return view;
    }

    void replace(View replacement) {
        view = replacement;
    }

    /** Adds {@code n} entries sorted by (timestamp, sequence). */
    void add(long[] timestamps, long[] sequences, long[] locations, int[] lengths, int n, long ingestionTime) {
        if (n == 0) return;
        View current = view;
        long bytes = current.messageBytes;
        for (int i = 0; i < n; i++) bytes += lengths[i] - EventRecords.OVERHEAD_BYTES;
        long lastIngestion = Math.max(current.lastIngestionTime, ingestionTime);
        int count = current.count;
        boolean inOrder = count == 0 || compare(current.timestamps[count - 1], current.sequences[count - 1],
                timestamps[0], sequences[0]) < 0;
        if (inOrder) {
            View target = count + n <= current.timestamps.length ? current : grow(current, count + n);
            System.arraycopy(timestamps, 0, target.timestamps, count, n);
            System.arraycopy(sequences, 0, target.sequences, count, n);
            System.arraycopy(locations, 0, target.locations, count, n);
            System.arraycopy(lengths, 0, target.lengths, count, n);
            view = new View(target.timestamps, target.sequences, target.locations, target.lengths, count + n, bytes,
                    lastIngestion);
            return;
        }
        int capacity = Math.max(current.timestamps.length, count + n);
        long[] ts = new long[capacity];
        long[] seq = new long[capacity];
        long[] loc = new long[capacity];
        int[] len = new int[capacity];
        int a = 0;
        int b = 0;
        int out = 0;
        while (a < count || b < n) {
            boolean takeOld = b >= n || (a < count
                    && compare(current.timestamps[a], current.sequences[a], timestamps[b], sequences[b]) <= 0);
            if (takeOld) {
                ts[out] = current.timestamps[a];
                seq[out] = current.sequences[a];
                loc[out] = current.locations[a];
                len[out] = current.lengths[a];
                a++;
            } else {
                ts[out] = timestamps[b];
                seq[out] = sequences[b];
                loc[out] = locations[b];
                len[out] = lengths[b];
                b++;
            }
            out++;
        }
        view = new View(ts, seq, loc, len, out, bytes, lastIngestion);
    }

    private static View grow(View current, int needed) {
        int capacity = Math.max(needed, Math.max(1024, current.timestamps.length * 2));
        return new View(java.util.Arrays.copyOf(current.timestamps, capacity),
                java.util.Arrays.copyOf(current.sequences, capacity),
                java.util.Arrays.copyOf(current.locations, capacity),
                java.util.Arrays.copyOf(current.lengths, capacity), current.count, current.messageBytes,
                current.lastIngestionTime);
    }

    static int compare(long ts1, long seq1, long ts2, long seq2) {
        int byTime = Long.compare(ts1, ts2);
        return byTime != 0 ? byTime : Long.compare(seq1, seq2);
    }
}
