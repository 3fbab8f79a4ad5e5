package berth.registry.content;

import berth.registry.core.ImageReplication;
import berth.registry.core.ReplicationConfiguration;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistrySettings;
import berth.store.Store;
import berth.store.Write;

import java.time.Clock;
import java.util.List;

/**
 * Asks for replication as images are pushed: the writes to add to a push's commit, so the push and
 * the replication it owes are stored together or not at all. Pushing a tag again asks again, which
 * carries the tag to the destinations.
 */
public final class ReplicationIntake {
    private final RegistrySettings settings;
    private final Clock clock;

    public ReplicationIntake(RegistrySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The writes that record the replication a push of {@code digest} into {@code id} owes; none when no rule matches. */
    public List<Write> onPush(RepositoryId id, String digest) {
        ReplicationConfiguration configuration = settings.replication(id.scope());
        List<ReplicationConfiguration.Destination> destinations = configuration.destinationsFor(id.name());
        if (destinations.isEmpty()) return List.of();
        ImageReplication requested = ImageReplication.requested(id, digest, destinations, clock.instant());
        return List.of(settings.putImageReplication(requested, Store.ANY));
    }

    /** The write that forgets the replication of an image deleted from its repository. */
    public Write onDelete(RepositoryId id, String digest) {
        return settings.deleteImageReplication(id, digest);
    }
}
