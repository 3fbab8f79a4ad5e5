package berth.registry.core;

import berth.aws.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The replication of one pushed image to the destinations its registry's replication configuration
 * named when it was pushed, with each destination's progress. Written in the same commit as the push,
 * so a pending replication survives a restart.
 *
 * @param accountId the source registry
 * @param region the source region
 */
public record ImageReplication(String accountId, String region, String repositoryName, String digest, Instant requestedAt,
                               List<Target> targets) {
    /** How far the copy to one destination got. */
    public enum Status { IN_PROGRESS, COMPLETE, FAILED }

    /** @param failureCode why the copy failed; empty unless {@code FAILED} */
    public record Target(String region, String registryId, Status status, String failureCode) {
        public boolean pending() {
            return status == Status.IN_PROGRESS;
        }

        /** The destination registry. */
        public Scope scope() {
            return new Scope(registryId, region);
        }
    }

    public ImageReplication {
        targets = List.copyOf(targets);
    }

    /** A replication just asked for: every destination in progress. */
    public static ImageReplication requested(RepositoryId source, String digest, List<ReplicationConfiguration.Destination> to,
                                             Instant at) {
        return new ImageReplication(source.accountId(), source.region(), source.name(), digest, at, to.stream()
                .map(d -> new Target(d.region(), d.registryId(), Status.IN_PROGRESS, "")).toList());
    }

    public RepositoryId source() {
        return new RepositoryId(new Scope(accountId, region), repositoryName);
    }

    /** The same-named repository in the target's registry. */
    public RepositoryId destination(Target target) {
        return new RepositoryId(target.scope(), repositoryName);
    }

    public boolean pending() {
        return targets.stream().anyMatch(Target::pending);
    }

    /** This replication with the target of the same region and registry replaced by {@code changed}. */
    public ImageReplication with(Target changed) {
        List<Target> out = new ArrayList<>();
        for (Target t : targets) {
            boolean same = t.region().equals(changed.region()) && t.registryId().equals(changed.registryId());
            out.add(same ? changed : t);
        }
        return new ImageReplication(accountId, region, repositoryName, digest, requestedAt, out);
    }
}
