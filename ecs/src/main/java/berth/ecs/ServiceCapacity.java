package berth.ecs;

import berth.aws.Scope;
import java.util.Optional;

/**
 * The desired count of ECS services, published on the platform for scalers (Application Auto
 * Scaling's {@code ecs:service:DesiredCount}): {@code platform.lookup(ServiceCapacity.class)}.
 * Setting it is what UpdateService with only {@code desiredCount} does; the service scheduler then
 * starts or stops tasks.
 */
public interface ServiceCapacity {

    /** An ACTIVE service's counts. */
    record Counts(int desired, int running, int pending) {}

    /** The counts of ACTIVE service {@code service} of {@code cluster}; empty when there is no such service. */
    Optional<Counts> find(Scope scope, String cluster, String service);

    /** Sets the desired count; false when there is no such ACTIVE service. */
    boolean setDesiredCount(Scope scope, String cluster, String service, int desired);
}
