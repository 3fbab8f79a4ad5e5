package berth.iam.state;

/** A record as read from the store, with the version a compare-and-set update must expect. */
public record Versioned<T>(T value, long version) {}
