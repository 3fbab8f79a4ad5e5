package berth.logs.storage;

/** One event as stored: its timestamp, when it was ingested, its place in the stream's ingestion order, and its message. */
public record StoredEvent(long timestamp, long ingestionTime, long sequence, String message) {}
