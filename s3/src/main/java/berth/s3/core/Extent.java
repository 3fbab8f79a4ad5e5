package berth.s3.core;

/** A run of an object's bytes: {@code length} bytes of the data file {@code dataId}, in order. */
public record Extent(String dataId, long length) {}
