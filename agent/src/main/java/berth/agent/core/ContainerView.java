package berth.agent.core;

import berth.agent.runtime.ContainerObservation;
import berth.agent.runtime.ContainerState;
import berth.agent.runtime.HealthStatus;
import berth.agentwire.AssignedContainer;
import java.time.Instant;
import java.util.Optional;

/**
 * One container of a task as the agent sees it now: its definition, what the engine shows of it
 * (nothing before it is created or after it vanished), and the phase, exit code and reason that
 * follow from both and from the agent's record of failures.
 *
 * @param reason ECS's reason text when the container stopped for another cause than its process
 *               exiting, else empty
 */
public record ContainerView(AssignedContainer definition, Optional<ContainerObservation> observed,
                            ContainerPhase phase, Optional<Integer> exitCode, String reason, boolean started) {

    public String name() {
        return definition.name();
    }

    public String runtimeId() {
        return observed.map(ContainerObservation::id).orElse("");
    }

    public HealthStatus health() {
        return observed.map(ContainerObservation::health).orElse(HealthStatus.NONE);
    }

    public Optional<Instant> startedAt() {
        return observed.flatMap(ContainerObservation::startedAt);
    }

    /** Whether the agent itself recorded why this container stopped (pull, create, start or dependency failure). */
    public boolean failed(LocalTaskState local) {
        return local.failures().containsKey(name());
    }

    /** The view of {@code definition} given the engine's {@code observed} container and the agent's record. */
    public static ContainerView of(AssignedContainer definition, Optional<ContainerObservation> observed,
                                   LocalTaskState local) {
        Optional<ContainerFailure> failure = Optional.ofNullable(local.failures().get(definition.name()));
        if (observed.isEmpty()) {
            if (failure.isPresent()) {
                return new ContainerView(definition, observed, ContainerPhase.STOPPED, failure.get().exitCode(),
                        failure.get().reason(), false);
            }
            if (local.createdIds().containsKey(definition.name()) || local.expectsContainers()) {
                return new ContainerView(definition, observed, ContainerPhase.STOPPED, Optional.empty(),
                        FailureReasons.CONTAINER_VANISHED, true);
            }
            return new ContainerView(definition, observed, ContainerPhase.NONE, Optional.empty(), "", false);
        }
        ContainerObservation o = observed.get();
        boolean started = o.startedAt().isPresent();
        ContainerState state = o.state();
        if (state == ContainerState.CREATED) {
            return failure.map(f -> new ContainerView(definition, observed, ContainerPhase.STOPPED, f.exitCode(),
                            f.reason(), false))
                    .orElseGet(() -> new ContainerView(definition, observed, ContainerPhase.CREATED, Optional.empty(),
                            "", false));
        }
        if (!state.stopped() && state != ContainerState.REMOVING) {
            return new ContainerView(definition, observed, ContainerPhase.RUNNING, Optional.empty(), "", true);
        }
        String reason;
        if (o.oomKilled()) {
            reason = FailureReasons.OUT_OF_MEMORY;
        } else if (failure.isPresent()) {
            reason = failure.get().reason();
        } else if (!started && !o.error().isEmpty()) {
            reason = FailureReasons.cannotStart(o.error());
        } else {
            reason = "";
        }
        Optional<Integer> exitCode = o.exitCode().isPresent() ? o.exitCode()
                : failure.flatMap(ContainerFailure::exitCode);
        return new ContainerView(definition, observed, ContainerPhase.STOPPED, exitCode, reason, started);
    }
}
