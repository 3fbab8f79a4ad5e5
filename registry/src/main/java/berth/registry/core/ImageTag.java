package berth.registry.core;

import java.time.Instant;

/** A tag of a repository and the manifest digest it names. */
public record ImageTag(String tag, String digest, Instant taggedAt) {}
