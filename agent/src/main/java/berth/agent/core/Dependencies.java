package berth.agent.core;

import berth.agentwire.DependencyCondition;
import berth.agentwire.DependsOn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a container may be created and started now, given the other containers of its task:
 * ECS's container ordering ({@code dependsOn} with START, COMPLETE, SUCCESS, HEALTHY) plus the START
 * dependency every {@code links} entry implies.
 */
public final class Dependencies {

    /** The answer for one container. */
    public sealed interface Readiness {
        record Ready() implements Readiness {}

        record Waiting(String dependency) implements Readiness {}

        /** The dependency can never be met: the container fails with {@code reason}. */
        record Failed(String reason) implements Readiness {}
    }

    private Dependencies() {}

    /**
     * The dependencies of {@code target}: its dependsOn, then a START dependency on each container it
     * links to or mounts the volumes of, unless already named.
     */
    public static List<DependsOn> of(ContainerView target) {
        List<DependsOn> all = new ArrayList<>(target.definition().dependsOn());
        List<String> implied = new ArrayList<>();
        target.definition().links().forEach(link -> implied.add(linkTarget(link)));
        target.definition().volumesFrom().forEach(v -> implied.add(v.sourceContainer()));
        for (String name : implied) {
            if (all.stream().noneMatch(d -> d.containerName().equals(name))) {
                all.add(new DependsOn(name, DependencyCondition.START));
            }
        }
        return all;
    }

    /** The container a {@code name[:alias]} link points to. */
    public static String linkTarget(String link) {
        int colon = link.indexOf(':');
        return colon < 0 ? link : link.substring(0, colon);
    }

    /** The alias a link gives its container inside the linking one: the part after the colon, else the name. */
    public static String linkAlias(String link) {
        int colon = link.indexOf(':');
        return colon < 0 ? link : link.substring(colon + 1);
    }

    public static Readiness readiness(ContainerView target, Map<String, ContainerView> views, Instant now) {
        for (DependsOn dependency : of(target)) {
            ContainerView d = views.get(dependency.containerName());
            if (d == null) {
                return new Readiness.Failed(FailureReasons.dependencyMissing(dependency.containerName(), target.name()));
            }
            Readiness r = one(dependency.condition(), d, target, now);
            if (!(r instanceof Readiness.Ready)) {
                return r;
            }
        }
        return new Readiness.Ready();
    }

    private static Readiness one(DependencyCondition condition, ContainerView d, ContainerView target,
                                 Instant now) {
        boolean stopped = d.phase() == ContainerPhase.STOPPED;
        switch (condition) {
            case START -> {
                if (d.phase() == ContainerPhase.RUNNING || d.started()) {
                    return new Readiness.Ready();
                }
                if (stopped) {
                    return new Readiness.Failed(FailureReasons.dependencyUnresolvable(d.name(), target.name()));
                }
                return new Readiness.Waiting(d.name());
            }
            case COMPLETE -> {
                if (stopped) {
                    return new Readiness.Ready();
                }
            }
            case SUCCESS -> {
                if (stopped) {
                    return d.exitCode().equals(Optional.of(0)) ? new Readiness.Ready()
                            : new Readiness.Failed(FailureReasons.dependencyNotSuccessful(d.name(), target.name()));
                }
            }
            case HEALTHY -> {
                if (d.phase() == ContainerPhase.RUNNING && d.health() == berth.agent.runtime.HealthStatus.HEALTHY) {
                    return new Readiness.Ready();
                }
                if (stopped) {
                    return new Readiness.Failed(FailureReasons.dependencyUnresolvable(d.name(), target.name()));
                }
            }
        }
        return timedOut(d, now) ? new Readiness.Failed(FailureReasons.dependencyTimedOut(d.name(), target.name()))
                : new Readiness.Waiting(d.name());
    }

    /** ECS gives a COMPLETE, SUCCESS or HEALTHY dependency its own startTimeout from when it started. */
    private static boolean timedOut(ContainerView d, Instant now) {
        int timeout = d.definition().startTimeoutSeconds();
        return timeout > 0 && d.startedAt().map(s -> now.isAfter(s.plus(Duration.ofSeconds(timeout)))).orElse(false);
    }
}
