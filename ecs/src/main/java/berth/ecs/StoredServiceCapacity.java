package berth.ecs;

import berth.aws.Scope;
import berth.ecs.core.service.Deployment;
import berth.ecs.core.service.Service;
import berth.ecs.state.ServiceRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ServiceCapacity} over the service records. */
final class StoredServiceCapacity implements ServiceCapacity {
    private final ServiceRecords services;
    private final Clock clock;

    StoredServiceCapacity(ServiceRecords services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    @Override
    public Optional<Counts> find(Scope scope, String cluster, String service) {
        return services.find(scope, cluster, service).map(Versioned::value).filter(s -> s.status().equals(Service.ACTIVE))
                .map(s -> new Counts(s.desiredCount(), s.deployments().stream().mapToInt(Deployment::runningCount).sum(),
                        s.deployments().stream().mapToInt(Deployment::pendingCount).sum()));
    }

    @Override
    public boolean setDesiredCount(Scope scope, String cluster, String service, int desired) {
        while (true) {
            Optional<Versioned<Service>> found = services.find(scope, cluster, service)
                    .filter(v -> v.value().status().equals(Service.ACTIVE));
            if (found.isEmpty()) {
                return false;
            }
            Service s = found.get().value();
            if (s.desiredCount() == desired) {
                return true;
            }
            List<Deployment> deployments = new ArrayList<>(s.deployments());
            Deployment primary = deployments.get(0);
            deployments.set(0, primary.withCounts(desired, primary.pendingCount(), primary.runningCount(),
                    primary.failedTasks(), clock.instant()));
            try {
                services.save(s.toBuilder().desiredCount(desired).deployments(deployments).build(), found.get().version());
                return true;
            } catch (VersionConflict raced) {
                // the scheduler wrote meanwhile: apply to the fresh record
            }
        }
    }
}
