package berth.ecs.control;

import berth.ecs.core.LaunchType;
import berth.ecs.core.placement.InvalidPlacementException;
import berth.ecs.core.placement.PlacementConstraint;
import berth.ecs.core.placement.PlacementStrategy;
import berth.ecs.core.placement.TaskRequirements;
import berth.ecs.core.service.PlacementRule;
import berth.ecs.core.service.Service;
import berth.ecs.core.task.RunTaskRules;
import berth.ecs.core.task.TaskLaunch;
import berth.ecs.core.task.TaskOverrides;
import berth.ecs.core.task.TaskOverridesMerge;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.ecs.core.taskdef.TaskPlacementConstraint;
import berth.ecs.state.TaskDefinitionRecords;
import berth.ecs.state.TaskPlacements;
import berth.ecs.state.ProviderPlacements;
import berth.ecs.core.capacity.WaitingPlacement;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Starts a service's tasks the way RunTask does (same placement and accounting), as the deployment
 * {@code startedBy}, in the group {@code service:NAME}, tagged as the service says.
 */
final class ServiceTaskLaunches {
    private final TaskDefinitionRecords definitions;
    private final TaskPlacements placements;
    private final ProviderPlacements providers;

    ServiceTaskLaunches(Store store, Clock clock) {
        this.definitions = new TaskDefinitionRecords(store);
        this.placements = new TaskPlacements(store, clock, new SecureRandom());
        this.providers = new ProviderPlacements(store, clock, new SecureRandom());
    }

    /** The outcome of starting tasks: those placed, and why others could not be. */
    record Started(List<berth.ecs.core.task.Task> tasks, List<String> failures) {}

    Started start(Service service, String deploymentId, String taskDefinitionArn, int count) {
        TaskDefinition registered = TaskDefinitionRef.parse(taskDefinitionArn)
                .flatMap(ref -> definitions.resolve(service.scope(), ref))
                .map(Versioned::value)
                .orElseThrow(() -> new IllegalStateException("task definition " + taskDefinitionArn + " is gone"));
        LaunchType type = LaunchType.valueOf(service.launchType());
        Map<String, String> tags = new LinkedHashMap<>();
        if (service.propagateTags().equals("SERVICE")) {
            tags.putAll(service.tags());
        } else if (service.propagateTags().equals("TASK_DEFINITION")) {
            tags.putAll(registered.tags());
        }
        if (service.enableEcsManagedTags()) {
            tags.put("aws:ecs:serviceName", service.serviceName());
            tags.put("aws:ecs:clusterName", service.cluster());
        }
        TaskDefinition effective = TaskOverridesMerge.apply(registered, TaskOverrides.none(), type);
        TaskLaunch launch = new TaskLaunch(service.accountId(), service.region(), service.cluster(), registered.arn(),
                effective, type, "", RunTaskRules.platformVersion("", type), service.group(), deploymentId, tags,
                TaskOverrides.none(), "", false, service.subnets());
        try {
            TaskPlacements.Outcome outcome;
            if (type == LaunchType.FARGATE) {
                outcome = placements.fargate(launch,
                        new RunTaskRules.LaunchTarget(LaunchType.FARGATE, service.capacityProviderStrategy()), count,
                        java.util.Optional.empty());
            } else {
                TaskRequirements requirements = effective.requirements(service.group()).withLaunchType(type)
                        .withConstraints(constraints(registered, service.placementConstraints()));
                List<PlacementStrategy> strategies = new ArrayList<>();
                for (PlacementRule rule : placementStrategy(service)) {
                    strategies.add(PlacementStrategy.of(rule.type(), rule.value()));
                }
                outcome = service.capacityProviderStrategy().isEmpty()
                        ? placements.onCluster(launch, requirements, strategies, new SplittableRandom(), count,
                                java.util.Optional.empty())
                        : providers.start(launch, new RunTaskRules.LaunchTarget(LaunchType.EC2,
                                service.capacityProviderStrategy()), requirements, strategies,
                                service.placementConstraints().stream().map(c -> new WaitingPlacement.Rule(c.type(),
                                        c.value())).toList(),
                                placementStrategy(service).stream().map(p -> new WaitingPlacement.Rule(p.type(),
                                        p.value())).toList(), count, java.util.Optional.empty(), new SplittableRandom());
            }
            List<String> failures = outcome.failures().stream().map(ServiceTaskLaunches::eventReason).distinct()
                    .toList();
            return new Started(outcome.tasks(), failures);
        } catch (TaskPlacements.NoContainerInstances none) {
            return new Started(List.of(), List.of("No Container Instances were found in your cluster."));
        } catch (InvalidPlacementException e) {
            return new Started(List.of(), List.of(e.getMessage()));
        }
    }

    /** A placement failure as ECS words it in a service event. */
    private static String eventReason(berth.ecs.core.task.LaunchFailure failure) {
        String instance = "(container-instance " + failure.arn().substring(failure.arn().lastIndexOf('/') + 1) + ")";
        return switch (failure.reason()) {
            case "RESOURCE:MEMORY" -> "The closest matching " + instance + " has insufficient memory available.";
            case "RESOURCE:CPU" -> "The closest matching " + instance + " has insufficient CPU units available.";
            case "RESOURCE:PORTS" -> "The closest matching " + instance + " is already using a port required by"
                    + " your task.";
            case "ATTRIBUTE" -> "The closest matching " + instance + " is missing an attribute required by your"
                    + " task.";
            default -> failure.reason();
        };
    }

    private static List<PlacementConstraint> constraints(TaskDefinition definition, List<PlacementRule> rules) {
        List<PlacementConstraint> constraints = new ArrayList<>();
        for (TaskPlacementConstraint c : definition.placementConstraints()) {
            constraints.add(PlacementConstraint.of(c.type(), c.expression()));
        }
        for (PlacementRule rule : rules) {
            constraints.add(PlacementConstraint.of(rule.type(), rule.value()));
        }
        return constraints;
    }

    /** The service's strategy; one that names none spreads across zones, then instances (ECS's default for services). */
    static List<PlacementRule> placementStrategy(Service service) {
        return service.placementStrategy().isEmpty()
                ? List.of(new PlacementRule("spread", "attribute:ecs.availability-zone"), new PlacementRule("spread", "instanceId"))
                : service.placementStrategy();
    }
}
