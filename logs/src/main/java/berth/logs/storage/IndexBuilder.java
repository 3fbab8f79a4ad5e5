package berth.logs.storage;

import java.util.Arrays;

/** Collects index entries while segments are scanned at open, then orders them into a {@link EventIndex.View}. */
final class IndexBuilder {
    private long[] timestamps = new long[1024];
    private long[] sequences = new long[1024];
    private long[] locations = new long[1024];
    private int[] lengths = new int[1024];
    private int count;
    private long messageBytes;
    private long lastIngestionTime;
    private long maxSequence = -1;
    private boolean sorted = true;

    void add(long timestamp, long sequence, long location, int length, long ingestionTime) {
        if (count == timestamps.length) {
            int capacity = count * 2;
            timestamps = Arrays.copyOf(timestamps, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
            locations = Arrays.copyOf(locations, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        if (count > 0 && EventIndex.compare(timestamps[count - 1], sequences[count - 1], timestamp, sequence) > 0) {
            sorted = false;
        }
        timestamps[count] = timestamp;
        sequences[count] = sequence;
        locations[count] = location;
        lengths[count] = length;
        count++;
        messageBytes += length - EventRecords.OVERHEAD_BYTES;
        lastIngestionTime = Math.max(lastIngestionTime, ingestionTime);
        maxSequence = Math.max(maxSequence, sequence);
    }

    long maxSequence() {
        return maxSequence;
    }

    EventIndex.View build() {
        if (count == 0) return EventIndex.View.EMPTY;
        if (!sorted) sortEntries();
        return new EventIndex.View(timestamps, sequences, locations, lengths, count, messageBytes, lastIngestionTime);
    }

    /** Orders entries by (timestamp, sequence); only streams that received out-of-order batches need it. */
    private void sortEntries() {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> EventIndex.compare(timestamps[a], sequences[a], timestamps[b], sequences[b]));
        long[] ts = new long[timestamps.length];
        long[] seq = new long[timestamps.length];
        long[] loc = new long[timestamps.length];
        int[] len = new int[timestamps.length];
        for (int i = 0; i < count; i++) {
            int from = order[i];
            ts[i] = timestamps[from];
            seq[i] = sequences[from];
            loc[i] = locations[from];
            len[i] = lengths[from];
        }
        timestamps = ts;
        sequences = seq;
        locations = loc;
        lengths = len;
        sorted = true;
    }
}
