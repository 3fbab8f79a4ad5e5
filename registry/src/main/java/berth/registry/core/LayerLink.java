package berth.registry.core;

import java.time.Instant;

/**
 * A blob made available in a repository (pushed or mounted there). Blobs are shared by content
 * across repositories and accounts; a repository only serves the ones it links.
 */
public record LayerLink(String digest, long size, Instant linkedAt) {}
