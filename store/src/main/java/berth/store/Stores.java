package berth.store;

import berth.store.embedded.EmbeddedStore;
import berth.store.postgres.PostgresLocation;
import berth.store.postgres.PostgresStore;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens the store a configuration names:
 *
 * <ul>
 *   <li>empty or {@code embedded}: an {@link EmbeddedStore} in the default directory;
 *   <li>{@code embedded:PATH} or {@code file:URI}: an embedded store in that directory;
 *   <li>{@code postgresql://user:password@host:port/db?schema=s} (or {@code postgres://}, or a
 *       {@code jdbc:postgresql:} URL): a {@link PostgresStore}.
 * </ul>
 */
public final class Stores {
    private Stores() {}

    public static Store open(String spec, Path defaultDirectory) {
        String trimmed = spec.strip();
        if (trimmed.isEmpty() || trimmed.equals("embedded")) return EmbeddedStore.open(defaultDirectory);
        if (trimmed.startsWith("embedded:")) return EmbeddedStore.open(Path.of(trimmed.substring("embedded:".length())));
        if (trimmed.startsWith("file:")) return EmbeddedStore.open(Path.of(URI.create(trimmed)));
        if (PostgresLocation.accepts(trimmed)) return PostgresStore.open(PostgresLocation.parse(trimmed));
        throw new IllegalArgumentException("unknown store '" + trimmed.replaceAll("//[^@/]*@", "//***@")
                + "': expected 'embedded', 'embedded:PATH', 'file:URI', 'postgresql://...' or 'jdbc:postgresql:...'");
    }
}
