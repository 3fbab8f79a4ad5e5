package berth.store;

/** A committed change, delivered to watchers: the record after the write (deleted or not). */
public record Change(StoredRecord record) {}
